// Play: one step per beat (1.6 s at 1×, 0.4 s at 4×); the travel animation takes part of the beat.
import { useEffect } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectPlaying, selectSpeed } from '../../store/selectors';

export const BEAT_MS = 1600;

export function usePlayback() {
  const store = useAppStore();
  const playing = useApp(selectPlaying);
  const speed = useApp(selectSpeed);
  const cursor = useApp(selectCursor);
  useEffect(() => {
    document.documentElement.style.setProperty('--travel-ms', `${Math.round(Math.min(550, (BEAT_MS / speed) * 0.6))}ms`);
  }, [speed]);
  useEffect(() => {
    if (!playing) return;
    const t = window.setTimeout(() => store.getState().next(), BEAT_MS / speed);
    return () => window.clearTimeout(t);
  }, [playing, speed, cursor, store]);
}
