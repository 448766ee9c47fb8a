// Test only: `node --import tsx --import ./src/cli/testing/faultyEngine.mjs src/cli/main.ts …` runs the
// real CLI process with an engine whose simulate() throws, to check the exit status of an engine fault.
import { register } from 'node:module';

register('./faultyEngine.hooks.mjs', import.meta.url);
