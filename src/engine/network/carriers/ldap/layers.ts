// Which SSP token an LDAP bind carries: named by the SASL mechanism in a request, recognised by its
// first bytes in a response (serverSaslCreds, or the matchedDN of a Sicily bind).

export function layerForMechanism(mechanism: string): string {
  switch (mechanism.toUpperCase()) {
    case 'GSS-SPNEGO': return 'SPNEGO';
    case 'GSSAPI': return 'Kerberos';
    case 'DIGEST-MD5': return 'Digest';
    case 'NTLM': case 'GSS-NTLM': return 'NTLM';
    default: return 'SASL';
  }
}

export function guessLayer(token: Uint8Array): string {
  if (token.length >= 8 && String.fromCharCode(...token.subarray(0, 7)) === 'NTLMSSP' && token[7] === 0) return 'NTLM';
  if (token[0] === 0x60 || token[0] === 0xa1 || token[0] === 0xa0) return 'SPNEGO';
  if (token.length && /^[a-z-]+=/.test(String.fromCharCode(...token.subarray(0, 12)))) return 'Digest';
  return 'SASL';
}
