// The stub faultyEngine.hooks.mjs puts in place of src/engine/simulate.ts.
export function simulate() {
  throw new TypeError('deliberately faulty engine (test stub)');
}
