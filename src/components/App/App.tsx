export function App() {
  return <main data-testid="app">SSPI Lab</main>;
}
