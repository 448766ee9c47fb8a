// Module hook (see faultyEngine.mjs): the CLI's import of the engine's simulate resolves to a stub that throws.
export async function resolve(specifier, context, next) {
  if (/\/engine\/simulate(\.ts)?$/.test(specifier) && context.parentURL && /\/src\/cli\/run\.ts$/.test(context.parentURL)) {
    return { url: new URL('./faultySimulate.mjs', import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
