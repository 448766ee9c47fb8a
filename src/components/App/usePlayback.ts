// Play: one step per beat (1.6 s at 1×, 0.4 s at 4×); the travel animation takes part of the beat.
// It follows the store through a subscription, so a step does not re-render the component using it.
import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import type { AppState } from '../../store/types';

export const BEAT_MS = 1600;

export function usePlayback() {
  const store = useAppStore();
  useEffect(() => {
    let timer = 0;
    let speed = NaN;
    const sync = (s: AppState, prev?: AppState) => {
      if (s.speed !== speed) {
        speed = s.speed;
        document.documentElement.style.setProperty('--travel-ms', `${Math.round(Math.min(550, (BEAT_MS / speed) * 0.6))}ms`);
      }
      if (prev && s.playing === prev.playing && s.cursor === prev.cursor && s.speed === prev.speed) return;
      window.clearTimeout(timer);
      if (s.playing) timer = window.setTimeout(() => store.getState().next(), BEAT_MS / s.speed);
    };
    sync(store.getState());
    const unsub = store.subscribe(sync);
    return () => { unsub(); window.clearTimeout(timer); };
  }, [store]);
}
