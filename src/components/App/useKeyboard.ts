// Keyboard shortcuts, wherever focus is: ← → step, PageUp/PageDown (presentation remotes) step,
// Space play/pause, Home/End first/last, Escape leaves presenter mode. Only text fields, lists
// (select), the scrubber (a slider with its own arrows) and local widgets (the field tree, the
// tabs) keep their keys; a checkbox or a button keeps only Space.
import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import { setPresenterMode } from '../Header/ViewSwitches';

const OWN_ARROWS = new Set(['text', 'number', 'search', 'email', 'password', 'url', 'tel', 'range', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Whether the focused element uses this key itself. */
function ownsKey(t: HTMLElement, key: string): boolean {
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  if (t.tagName === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    if (OWN_ARROWS.has(type)) return true;
    return key === ' ' || key === 'Spacebar';
  }
  if (t.closest('[data-keys="local"]')) return key !== 'Escape';
  if (key === ' ' || key === 'Spacebar') return t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY' || t.getAttribute('role') === 'button' || t.getAttribute('role') === 'tab';
  return false;
}

export function useKeyboard() {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (t && ownsKey(t, e.key)) return;
      const s = store.getState();
      switch (e.key) {
        case 'ArrowRight': case 'PageDown': s.setPlaying(false); s.next(); break;
        case 'ArrowLeft': case 'PageUp': s.setPlaying(false); s.back(); break;
        case 'Home': s.setPlaying(false); s.first(); break;
        case 'End': s.setPlaying(false); s.last(); break;
        case ' ': case 'Spacebar': s.togglePlay(); break;
        case 'Escape':
          if (!s.presenter) return;
          void setPresenterMode((on) => s.setPresenter(on), false);
          break;
        default: return;
      }
      e.preventDefault();
    };
    // In full screen the browser takes Escape itself (it leaves full screen, no key event comes):
    // leaving the full screen presenter mode entered leaves presenter mode too.
    let full = false;
    const onFull = () => {
      if (document.fullscreenElement) { full = true; return; }
      if (full && store.getState().presenter) store.getState().setPresenter(false);
      full = false;
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFull);
    return () => { window.removeEventListener('keydown', onKey); document.removeEventListener('fullscreenchange', onFull); };
  }, [store]);
}
