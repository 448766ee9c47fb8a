declare module 'virtual:sspi-precomputed' {
  const precomputed: import('./engine').Precomputed | null;
  export default precomputed;
}
