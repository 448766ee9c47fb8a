// The words module (glossary, linker, "Why?" texts), loaded once after the first paint.
import { useEffect, useState } from 'react';

type Content = typeof import('../../content');
let loaded: Content | null = null;
let loading: Promise<Content> | null = null;

export function loadContent(): Promise<Content> {
  if (!loading) loading = import('../../content').then((m) => (loaded = m));
  return loading;
}

export function useContent(): Content | null {
  const [c, setC] = useState<Content | null>(loaded);
  useEffect(() => {
    if (c) return;
    let alive = true;
    loadContent().then((m) => { if (alive) setC(m); });
    return () => { alive = false; };
  }, [c]);
  return c;
}
