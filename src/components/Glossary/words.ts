// The screen's state for words: which definition or "Why?" panel is open (and the button that opened
// it, to give focus back), and whether the glossary panel is open. A small store of its own: it is
// about the screen only, not the run.
import { create } from 'zustand';

export type WordsPopover =
  | { kind: 'term'; id: string; anchor: HTMLElement }
  | { kind: 'why'; id: string; anchor: HTMLElement }
  | { kind: 'lane'; id: 'app' | 'sspi' | 'ssp'; anchor: HTMLElement };

interface WordsState {
  popover: WordsPopover | null;
  glossaryOpen: boolean;
  /** The entry the glossary panel shows first (from "Show in the glossary"). */
  glossaryFocus: string | null;
  open(p: WordsPopover): void;
  close(): void;
  openGlossary(focus?: string | null): void;
  closeGlossary(): void;
}

export const useWords = create<WordsState>((set) => ({
  popover: null,
  glossaryOpen: false,
  glossaryFocus: null,
  open: (p) => set({ popover: p }),
  close: () => set({ popover: null }),
  openGlossary: (focus = null) => set({ glossaryOpen: true, glossaryFocus: focus, popover: null }),
  closeGlossary: () => set({ glossaryOpen: false, glossaryFocus: null }),
}));
