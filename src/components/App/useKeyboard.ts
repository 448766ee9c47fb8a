// Keyboard shortcuts: ← → step, PageUp/PageDown (presentation remotes) step, Space play/pause,
// Home/End first/last. Form fields, buttons (for Space) and local widgets keep their own keys.
import { useEffect } from 'react';
import { useAppStore } from '../../store/context';

export function useKeyboard() {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (t) {
        const tag = t.tagName;
        if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t.isContentEditable) return;
        if (t.closest('[data-keys="local"]')) return;
      }
      const s = store.getState();
      switch (e.key) {
        case 'ArrowRight': case 'PageDown': s.setPlaying(false); s.next(); break;
        case 'ArrowLeft': case 'PageUp': s.setPlaying(false); s.back(); break;
        case 'Home': s.setPlaying(false); s.first(); break;
        case 'End': s.setPlaying(false); s.last(); break;
        case ' ': case 'Spacebar':
          if (t && (t.tagName === 'BUTTON' || t.tagName === 'A' || t.getAttribute('role') === 'button')) return;
          s.togglePlay();
          break;
        default: return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
