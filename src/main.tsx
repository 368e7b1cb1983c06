import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (!container) throw new Error('VE Playground: no #root element in index.html');

createRoot(container).render(
  <StrictMode>
    <h1>VE Playground</h1>
  </StrictMode>,
);
