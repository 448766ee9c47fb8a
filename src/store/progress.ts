// What the browser remembers about the learner: the lessons finished (reaching a scenario's last
// step counts) and whether the "start here" offer was dismissed. Stored as one small JSON value in
// localStorage; storage that is unavailable (private mode, blocked, quota) or that holds garbage
// never crashes the app: it reads as an empty progress, and a write that fails is ignored.

export const PROGRESS_KEY = 'sspi-lab.progress.v1';

export interface Progress {
  finished: string[];
  offerDismissed: boolean;
  /** The path was started (the offer was accepted) at least once. */
  started: boolean;
}

export const EMPTY_PROGRESS: Progress = { finished: [], offerDismissed: false, started: false };

/** Reads a stored value; anything that is not our shape gives what can be kept of it. */
export function parseProgress(raw: string | null | undefined): Progress {
  if (!raw) return { ...EMPTY_PROGRESS };
  let v: unknown;
  try { v = JSON.parse(raw); } catch { return { ...EMPTY_PROGRESS }; }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ...EMPTY_PROGRESS };
  const o = v as Record<string, unknown>;
  const finished = Array.isArray(o.finished)
    ? [...new Set(o.finished.filter((x): x is string => typeof x === 'string' && /^[a-z0-9][a-z0-9-]{0,99}$/.test(x)))]
    : [];
  return { finished, offerDismissed: o.offerDismissed === true, started: o.started === true };
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** localStorage when it can be used, else null (reading the property itself may throw). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = typeof window !== 'undefined' ? window.localStorage : undefined;
    return s ?? null;
  } catch {
    return null;
  }
}

export function loadProgress(storage: KeyValueStorage | null = browserStorage()): Progress {
  if (!storage) return { ...EMPTY_PROGRESS };
  try { return parseProgress(storage.getItem(PROGRESS_KEY)); } catch { return { ...EMPTY_PROGRESS }; }
}

/** Writes; false when the storage refused (the in-memory progress still holds for this visit). */
export function saveProgress(p: Progress, storage: KeyValueStorage | null = browserStorage()): boolean {
  if (!storage) return false;
  try { storage.setItem(PROGRESS_KEY, JSON.stringify(p)); return true; } catch { return false; }
}

export function markFinished(p: Progress, id: string): Progress {
  return p.finished.includes(id) ? p : { ...p, finished: [...p.finished, id] };
}
