// (Named desjs.d.ts, not des.d.ts: a des.d.ts beside des.ts would be taken as des.ts's own declarations.)
// Minimal typing of the des.js package (it ships none): single DES, ECB, one block at a time.
declare module 'des.js' {
  interface DesCipher {
    update(data: ArrayLike<number>): number[];
    final(): number[];
  }
  export const DES: {
    create(options: { type: 'encrypt' | 'decrypt'; key: ArrayLike<number>; padding?: boolean }): DesCipher;
  };
  const desjs: { DES: typeof DES };
  export default desjs;
}
