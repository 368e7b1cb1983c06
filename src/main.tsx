import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from './store/appStore';
import { crashWorkerForTest, startPlayground } from './store/actions';
import { App } from './ui/App';
import './ui/styles.css';

declare global {
  interface Window {
    /** Hooks for the end-to-end tests and the benchmark (not a public API). */
    __vePlayground?: { crashWorker(): void; state(): ReturnType<typeof appStore.getState> };
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('VE Playground: no #root element in index.html');

window.__vePlayground = { crashWorker: crashWorkerForTest, state: () => appStore.getState() };
startPlayground(location.hash);
// A pasted link in the same tab opens its scenario too.
window.addEventListener('hashchange', () => startPlayground(location.hash));

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
