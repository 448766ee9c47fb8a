// Page object for the SSPI Lab screen. Specs talk to the app only through these methods and the
// dotted test ids (regions: picker, goal, topology, diagram, controls.*, inspector(.fields/.hex/
// .explain), narration, outcome, nodestate, downloads).
import { expect, type ConsoleMessage, type Locator, type Page } from '@playwright/test';

export const REGIONS = [
  'picker', 'goal', 'topology', 'diagram', 'controls.first', 'controls.back', 'controls.play', 'controls.next',
  'controls.last', 'controls.speed', 'controls.scrubber', 'inspector', 'narration', 'outcome', 'nodestate', 'downloads',
] as const;

export class AppPage {
  readonly consoleErrors: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (m: ConsoleMessage) => { if (m.type() === 'error') this.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => this.consoleErrors.push(`pageerror: ${e.message}`));
  }

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Opens the app and waits for the first diagram (and, unless told not to, for the simulator). */
  async open(query = '', { engine = true } = {}): Promise<void> {
    await this.page.goto(query ? `/?${query.replace(/^\?/, '')}` : '/');
    await expect(this.id('app-ready')).toBeVisible({ timeout: 20_000 });
    if (engine) await expect(this.page.locator('[data-engine="ready"]')).toBeAttached({ timeout: 20_000 });
  }

  // Step controls
  async next() { await this.id('controls.next').click(); }
  async back() { await this.id('controls.back').click(); }
  async first() { await this.id('controls.first').click(); }
  async last() { await this.id('controls.last').click(); }
  async playPause() { await this.id('controls.play').click(); }
  async press(key: string) { await this.page.keyboard.press(key); }

  /** The inspector's text once it shows the diagram's current message (it follows a step one
   * painted frame late, so reading it right after a click can give the previous message's). */
  async inspectorText(): Promise<string> {
    await expect.poll(() => this.page.evaluate(() => {
      const cur = document.querySelector('[data-testid="diagram.arrow"][data-current]')?.getAttribute('data-event');
      const shown = document.querySelector('[data-testid="inspector"]')?.getAttribute('data-event');
      return !cur || cur === shown;
    }), { message: 'the inspector shows the current message' }).toBe(true);
    return (await this.id('inspector').textContent()) ?? '';
  }

  /** "3 / 9" → { at: 3, of: 9 } */
  async position(): Promise<{ at: number; of: number }> {
    const t = (await this.id('controls.position').textContent()) ?? '';
    const m = /(\d+)\s*\/\s*(\d+)/.exec(t);
    if (!m) throw new Error(`no step position in "${t}"`);
    return { at: Number(m[1]), of: Number(m[2]) };
  }

  async chooseScenario(id: string) {
    await this.id('picker.select').selectOption(id);
  }

  async scenarioIds(): Promise<string[]> {
    // The first screen's select holds only the current scenario; the list is filled just after.
    await expect(this.id('picker.select')).toHaveAttribute('data-options', 'all');
    return this.id('picker.select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  }

  arrows(): Locator { return this.page.locator('[data-testid="diagram.arrow"]'); }
  labels(): Locator { return this.page.locator('[data-testid="diagram"] [data-label]'); }

  /** Pairs of diagram labels whose boxes overlap (should be none). */
  async overlappingLabels(): Promise<string[]> {
    return this.page.evaluate(() => {
      const els = [...document.querySelectorAll('[data-testid="diagram"] [data-label]')] as HTMLElement[];
      const boxes = els.map((e) => ({ r: e.getBoundingClientRect(), t: (e.textContent ?? '').trim().slice(0, 60) }));
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r; const b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) out.push(`"${boxes[i].t}" overlaps "${boxes[j].t}"`);
      }
      return out;
    });
  }

  /** The diagram's glossary strips (under the current and the selected label) that overlap a label
   *  or another strip, or whose terms do not fit in them (should be none). */
  async crowdedStrips(): Promise<string[]> {
    return this.page.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      const strips = [...document.querySelectorAll('[data-testid="diagram.terms"]')];
      const labels = [...document.querySelectorAll('[data-testid="diagram"] [data-label]')];
      const out: string[] = [];
      for (const [i, s] of strips.entries()) {
        const name = s.getAttribute('data-event');
        const el = s as HTMLElement;
        if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) out.push(`strip ${name}: its terms do not fit (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
        for (const c of s.querySelectorAll('[data-testid="diagram.term"]')) {
          const ce = c as HTMLElement;
          if (ce.scrollWidth > ce.clientWidth + 1) out.push(`strip ${name}: "${ce.textContent}" is cut`);
        }
        for (const l of labels) if (meet(box(s), box(l))) out.push(`strip ${name} overlaps "${(l.textContent ?? '').trim().slice(0, 40)}"`);
        for (const t of strips.slice(i + 1)) if (meet(box(s), box(t))) out.push(`strip ${name} overlaps strip ${t.getAttribute('data-event')}`);
      }
      return out;
    });
  }

  /** Presses Tab until the element with this test id has focus (throws after `max` presses). */
  async tabTo(testId: string, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      if ((await this.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    }
    throw new Error(`${testId} is not reachable with Tab`);
  }

  /** Whether the focused element shows a focus ring (a keyboard focus outline of 2 px or more). */
  async focusRingVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return false;
      const cs = getComputedStyle(el);
      return el.matches(':focus-visible') && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    });
  }

  async toggle(role: 'client' | 'server', pkg: string, on: boolean) {
    const box = this.id(`toggle.${role}.${pkg}`);
    if (on) await box.check(); else await box.uncheck();
  }

  /** Clicks byte `offset` in the inspector's hex dump (on its two hex digits), scrolling to it. */
  async clickByte(offset: number) {
    const hex = this.id('inspector.hex');
    await hex.evaluate((el, o) => {
      const perRow = Number((el as HTMLElement).dataset.perrow);
      el.scrollTop = Math.max(0, Math.floor(o / perRow) * 17 - 40);
      el.dispatchEvent(new Event('scroll'));
    }, offset);
    const span = async () => hex.evaluate((el, o) => {
      const spans = [...el.querySelectorAll<HTMLElement>('[data-kind="hex"]')];
      const span = spans.find((s) => Number(s.dataset.start) <= o && o < Number(s.dataset.end));
      if (!span) return null;
      // The byte must be on screen for a real click (the inspector's panels can push the dump below the fold).
      span.scrollIntoView({ block: 'nearest' });
      const perRow = Number((el as HTMLElement).dataset.perrow);
      const row = Number(span.closest<HTMLElement>('[data-row]')!.dataset.row);
      let c = 0;
      for (let b = Number(span.dataset.start); b < o; b++) c += perRow === 16 && b - row === 7 ? 4 : 3;
      const r = document.createRange();
      r.setStart(span.firstChild!, c);
      r.setEnd(span.firstChild!, c + 2);
      const box = r.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }, offset);
    await expect.poll(span, { message: `byte ${offset} is shown in the hex dump` }).not.toBeNull();
    const at = (await span())!;
    await this.page.mouse.click(at.x, at.y);
  }

  /** Bytes in the hex dump, and how many are highlighted as selected / hovered (from the dump's
   * state) and how many selected bytes are drawn highlighted among the rows on screen. */
  async hexCounts(): Promise<{ bytes: number; selected: number; hovered: number; drawnSelected: number }> {
    return this.id('inspector.hex').evaluate((el) => {
      const d = (el as HTMLElement).dataset;
      const len = (r?: string) => { if (!r) return 0; const [a, b] = r.split('-').map(Number); return Math.max(0, Math.min(b, Number(d.bytes)) - a); };
      const spans = [...el.querySelectorAll<HTMLElement>('[data-kind="hex"][data-selected]')];
      return {
        bytes: Number(d.bytes),
        selected: len(d.selection),
        hovered: len(d.hover),
        drawnSelected: spans.reduce((a, s) => a + Number(s.dataset.end) - Number(s.dataset.start), 0),
      };
    });
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
}
