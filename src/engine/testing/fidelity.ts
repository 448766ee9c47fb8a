// Test-only access to ../shared/fidelity (published vectors and real captures). Tests that need it
// FAIL, never skip, when it is missing. (Test helper: the only engine file allowed to read files.)
 
import { existsSync, readFileSync } from 'node:fs';
 
import { resolve } from 'node:path';

 
export const FIDELITY_DIR = resolve(process.cwd(), '..', 'shared', 'fidelity');

export function fidelityPath(rel: string): string {
  const p = resolve(FIDELITY_DIR, rel);
  if (!existsSync(p)) throw new Error(`fidelity data missing: ${p} (the tests need ../shared/fidelity next to the checkout)`);
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
