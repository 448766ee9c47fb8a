// Benchmark baseline: bare React 19 + React Flow 12 (with its stylesheet) drawing a 3-node flow.
// It is "interactive" when its first render is committed (data-testid="app-ready", as for the app).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const nodes: Node[] = [
  { id: 'client', position: { x: 0, y: 0 }, data: { label: 'Client' } },
  { id: 'server', position: { x: 250, y: 0 }, data: { label: 'Server' } },
  { id: 'dc', position: { x: 125, y: 150 }, data: { label: 'DC / KDC' } },
];
const edges: Edge[] = [
  { id: 'client-server', source: 'client', target: 'server' },
  { id: 'client-dc', source: 'client', target: 'dc' },
];

function Page() {
  return (
    <main data-testid="app-ready" style={{ width: '100vw', height: '100vh' }}>
      <ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
