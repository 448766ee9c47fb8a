// The application protocols the runner has a flow for (simulate() runs these; a scenario file naming
// another one is refused with its field named, not run into an engine fault).
export const APPLICATION_PROTOCOLS = ['http', 'smb2'] as const;
