// Registered benchmark sections, run in this order by bench/run.ts.
import { engineSection } from './engine';
import { stepsSection } from './steps';
import type { BenchSection } from './types';

export const SECTIONS: readonly BenchSection[] = [engineSection, stepsSection];
