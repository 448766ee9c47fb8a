declare module 'js-md4' {
  const md4: { arrayBuffer(data: Uint8Array | ArrayBuffer | string): ArrayBuffer; hex(data: Uint8Array | string): string };
  export default md4;
}
