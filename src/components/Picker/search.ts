// The picker's search: what a person would type ("double hop", "KDC_ERR_S_PRINCIPAL_UNKNOWN",
// "RDP", "clock skew", "wrong password") against a scenario's title, goal, id, documents and
// keywords. Pure; ranks by where the words are found (title and keywords first, goal last).
import type { ScenarioInfo } from '../../store/engine';

/** Lower case, underscores and hyphens as spaces, other punctuation dropped, spaces collapsed. */
export function normalize(s: string): string {
  return s.toLowerCase().replace(/[_\-/\\]+/g, ' ').replace(/[^\p{L}\p{N}\s.]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

const WEIGHTS = { title: 8, keywords: 8, id: 5, group: 4, references: 3, goal: 1 } as const;

/** A score for one scenario (0: no match). Every word of the query must occur somewhere; a whole
 * phrase found in one field scores more than words found apart. */
export function scoreScenario(s: ScenarioInfo, query: string): number {
  const q = normalize(query);
  if (!q) return 0;
  const fields: [keyof typeof WEIGHTS, string][] = [
    ['title', normalize(s.title)],
    ['keywords', normalize((s.keywords ?? []).join(' | '))],
    ['id', normalize(s.id)],
    ['group', normalize(s.group)],
    ['references', normalize((s.references ?? []).join(' | '))],
    ['goal', normalize(s.goal)],
  ];
  const words = q.split(' ');
  let score = 0;
  for (const w of words) {
    let best = 0;
    for (const [f, text] of fields) {
      if (!text.includes(w)) continue;
      const whole = new RegExp(`(^|\\s)${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(text);
      best = Math.max(best, WEIGHTS[f] * (whole ? 2 : 1));
    }
    if (best === 0) return 0;
    score += best;
  }
  if (words.length > 1) for (const [f, text] of fields) if (text.includes(q)) score += WEIGHTS[f] * 3;
  return score;
}

/** The scenarios matching the query, best first (ties keep the catalog's order). */
export function searchScenarios(list: readonly ScenarioInfo[], query: string): ScenarioInfo[] {
  return list
    .map((s, i) => ({ s, i, score: scoreScenario(s, query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((r) => r.s);
}
