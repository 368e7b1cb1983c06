/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The dev server's hot reload needs an inline script and a websocket: no CSP there (index.html). */
const noCspInDev: Plugin = {
  name: 've-no-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

export default defineConfig({
  // Relative asset paths: the built app works from any directory or sub-path.
  base: './',
  plugins: [react(), noCspInDev],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Two pages: the app, and the embed example (playgrounds mounted in a page by src/embed/mount.tsx).
    rolldownOptions: { input: { main: 'index.html', 'embed-example': 'embed-example.html' } },
  },
  test: {
    // One `vitest run` runs everything: engine, share, and the browser end-to-end tests.
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Two workers even on two cores (Vitest's default leaves one idle): the e2e files mostly wait
    // on Chromium, which runs in processes of its own.
    maxWorkers: 2,
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
