// Benchmark baseline: the smallest useful React 19 page (a heading and a button).
// It signals "interactive" by setting window.__ready = performance.now() in a useEffect,
// i.e. once React has committed the first render and run its passive effects.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { markReady } from '../ready';

function Page() {
  const [count, setCount] = useState(0);
  useEffect(markReady, []);
  return (
    <main>
      <h1>Baseline: bare React</h1>
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Clicked {count} times
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
