// Benchmark baseline: the smallest useful React 19 page (a heading and a button).
// It is "interactive" when its first render is committed: the bench waits for data-testid="app-ready",
// exactly as for the app (a MutationObserver marks the moment it appears). On the bench's floor page
// (bench/lib/build.ts makeFloorPage) the same script renders into #floor, beside the app's static first screen.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function Page() {
  const [count, setCount] = useState(0);
  return (
    <main data-testid="app-ready">
      <h1>Baseline: bare React</h1>
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Clicked {count} times
      </button>
    </main>
  );
}

createRoot((document.getElementById('floor') ?? document.getElementById('root'))!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
