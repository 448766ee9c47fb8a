// Test-only access to test-data/fidelity (published vectors and real captures, copied into the
// repository; see test-data/README.md). Tests that need it FAIL, never skip, when it is missing. (Test helper: the only engine file allowed to read files.)
 
import { existsSync, readFileSync } from 'node:fs';
 
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

 
export const FIDELITY_DIR = fileURLToPath(new URL('../../../test-data/fidelity', import.meta.url));

export function fidelityPath(rel: string): string {
  const p = resolve(FIDELITY_DIR, rel);
  if (!existsSync(p)) throw new Error(`fidelity data missing: ${p} (test-data/fidelity is part of the repository: is the checkout complete?)`);
  return p;
}

export function readFidelity(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(fidelityPath(rel)));
}

export interface Vector {
  id: string;
  source?: string;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
  verified_by_computation?: boolean | null;
  notes?: string;
}

export function loadVectors(file: string): { vectors: Vector[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(fidelityPath(`vectors/${file}`), 'utf8'));
}
