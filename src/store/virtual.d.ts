declare module 'virtual:sspi-precomputed' {
  const precomputed: import('./engine').Precomputed | null;
  export default precomputed;
}
declare module 'virtual:sspi-built' {
  const built: import('../engine/trace').PackageName[];
  export default built;
}
declare module 'virtual:sspi-scenarios' {
  const scenarios: import('./engine').ScenarioInfo[];
  export default scenarios;
}
