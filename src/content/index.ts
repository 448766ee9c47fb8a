// What the screen loads lazily for words: the glossary, the linker and the "Why?" texts (kept out
// of the first bundle; narration shows plain text until they arrive).
export { GLOSSARY, TERM_BY_ID, type GlossaryTerm } from './glossary';
export { linkTerms, plainText, type Segment } from './link';
export { whyFor, WHY_TEXTS, type WhyText } from './why';
export { readersOf, LAB_KNOWS_EVERY_KEY } from './readers';
export { ridName, annotateRids } from './sids';
export { LANE_TEXT } from './lanes';
