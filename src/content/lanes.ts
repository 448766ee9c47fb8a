// The layered view's three lanes per machine, in words: what each one does and what it never sees.
export const LANE_TEXT: Record<'app' | 'sspi' | 'ssp', { title: string; text: string }> = {
  app: {
    title: 'Application',
    text: 'The program (browser, file client, web or file server). It calls [[sspi|SSPI]] and carries the [[opaque-token|opaque tokens]] over its own protocol (HTTP, SMB2). It never sees passwords, keys or what is inside a token.',
  },
  sspi: {
    title: 'SSPI',
    text: 'The interface in Windows that takes each call and hands it to the chosen [[ssp|security package]]. It routes; it never reads the tokens it passes.',
  },
  ssp: {
    title: 'SSP',
    text: 'The security package (Negotiate, Kerberos, NTLM...) that builds and checks the tokens, talks to the [[kdc|KDC]] or DC when it must, and holds the [[security-context|security context]] and its keys.',
  },
};
