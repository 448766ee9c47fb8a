import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, PROGRESS_KEY, loadProgress, markFinished, parseProgress, saveProgress, type KeyValueStorage } from './progress';

function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => { data[k] = v; } };
}

describe('progress storage', () => {
  it('reads nothing, garbage and wrong shapes as empty progress', () => {
    for (const raw of [null, undefined, '', '{', 'null', '42', '"x"', '[]', '[1,2]', '{"finished":"ntlm-domain"}'])
      expect(parseProgress(raw)).toEqual(EMPTY_PROGRESS);
  });
  it('keeps what is valid of a partly wrong value', () => {
    expect(parseProgress('{"finished":["ntlm-domain",3,null,"ntlm-domain","<script>","kerberos-smb"],"offerDismissed":"yes","started":true}'))
      .toEqual({ finished: ['ntlm-domain', 'kerberos-smb'], offerDismissed: false, started: true });
  });
  it('round-trips through storage', () => {
    const s = memory();
    const p = markFinished(markFinished({ ...EMPTY_PROGRESS, offerDismissed: true }, 'ntlm-workgroup'), 'ntlm-workgroup');
    expect(p.finished).toEqual(['ntlm-workgroup']);
    expect(saveProgress(p, s)).toBe(true);
    expect(loadProgress(s)).toEqual(p);
    expect(JSON.parse(s.data[PROGRESS_KEY]).offerDismissed).toBe(true);
  });
  it('never throws when storage is missing or throws', () => {
    const throwing: KeyValueStorage = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(loadProgress(throwing)).toEqual(EMPTY_PROGRESS);
    expect(saveProgress(EMPTY_PROGRESS, throwing)).toBe(false);
    expect(loadProgress(null)).toEqual(EMPTY_PROGRESS);
    expect(saveProgress(EMPTY_PROGRESS, null)).toBe(false);
  });
});
