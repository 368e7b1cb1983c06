import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Playground as PlaygroundStore } from './playground/createPlaygroundStore';
import type { AppState } from './playground/state';
import { Playground } from './ui/Playground';
import { queryFlag } from './ui/teach/teachStore';
import './ui/styles.css';

declare global {
  interface Window {
    /** Hooks for the end-to-end tests and the benchmark: test builds only (`vite build --mode test`). */
    __vePlayground?: {
      crashWorker(): void;
      state(): AppState;
      all(): AppState[];
      /** Resolves once the worker has answered every command so far and the store shows it. */
      settled(): Promise<void>;
    };
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('VE Playground: no #root element in index.html');

const embed = queryFlag('embed');
const teach = { lecture: queryFlag('lecture'), embed };

/** Test builds: the hooks reach every playground on the page (compiled out of production builds). */
const forTests: PlaygroundStore[] = [];
function exposeForTests(playground: PlaygroundStore): void {
  if (import.meta.env.MODE !== 'test') return;
  // React's strict mode mounts twice in development builds: one entry per playground.
  if (!forTests.includes(playground)) forTests.push(playground);
  window.__vePlayground = {
    crashWorker: () => forTests[0]?.actions.crashWorkerForTest(),
    state: () => forTests[0].store.getState(),
    all: () => forTests.map((p) => p.store.getState()),
    settled: () => forTests[0]?.settled() ?? Promise.resolve(),
  };
}

// `?pair=1`: two playgrounds in one page, each with its own store and worker (no iframes).
const root = queryFlag('pair') ? (
  <div className="playground-pair">
    <Playground options={{ teach }} onReady={exposeForTests} />
    <Playground options={{ teach }} onReady={exposeForTests} />
  </div>
) : (
  <Playground
    options={{ teach, ownsWindow: true, addressBar: !embed, persist: !embed }}
    onReady={exposeForTests}
  />
);

createRoot(container).render(<StrictMode>{root}</StrictMode>);
