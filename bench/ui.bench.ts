/**
 * UI benchmark: builds the app, serves dist/, opens a 16 vCPU × 64 entry scenario in headless
 * Chromium, plays at maximum speed for 10 s and reports the page's frame rate (rAF timestamps),
 * the worker's executed steps per second and the gzip size of the built JavaScript: what the first
 * visit loads (initial) and everything, the on-demand chunks included (total).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/chromium';
import { build, preview } from 'vite';
import { BOTH_FIXES, seededRandom } from '../src/engine';
import { BIG, bigScenario } from './uiScenario';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.UI_BENCH_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The JS a first visit loads before any interaction: what index.html names (the entry and its
 * modulepreloads), every chunk those import statically, and the engine worker, which starts at
 * once. Lazily imported chunks (import(), React.lazy) and the explore worker load on demand.
 */
function initialLoad(dist: string): Set<string> {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const found = new Set<string>();
  for (let f = queue.pop(); f !== undefined; f = queue.pop()) {
    if (found.has(f)) continue;
    found.add(f);
    const code = readFileSync(join(dist, 'assets', f), 'utf8');
    // Static imports between chunks only: `import … from "./x.js"` or `import "./x.js"`.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
  }
  for (const f of readdirSync(join(dist, 'assets'))) if (/^engine\.worker-.*\.js$/.test(f)) found.add(f);
  return found;
}

async function main(): Promise<void> {
  // Test mode: the page's test hooks (window.__vePlayground) read the worker's counters.
  await build({ root: ROOT, mode: 'test', logLevel: 'warn' });
  const assets = join(ROOT, 'dist', 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const initial = initialLoad(join(ROOT, 'dist'));
  let gzTotal = 0;
  let gzInitial = 0;
  for (const f of js) {
    const bytes = readFileSync(join(assets, f));
    const gz = gzipSync(bytes).length;
    gzTotal += gz;
    if (initial.has(f)) gzInitial += gz;
    const when = initial.has(f) ? 'initial' : 'on demand';
    console.log(
      `bundle ${f}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB (${when})`,
    );
  }
  console.log(
    `bundle initial-load JS gzip: ${(gzInitial / 1024).toFixed(1)} KiB (${initial.size} files; target ≤ 150 KB)`,
  );
  console.log(`bundle total JS gzip: ${(gzTotal / 1024).toFixed(1)} KiB (${js.length} files)`);

  const server = await preview({ root: ROOT, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // A run long enough to play for the whole window (10^6 steps), opened as a scenario file:
    // a link is capped at 64 KiB, and a short run would end and restart many times a second.
    const file = join(mkdtempSync(join(tmpdir(), 've-bench-')), 'bench.json');
    // Both fixes on, so that no BUG_ON (protocol.md §3) ends the run early.
    const long = bigScenario({ ...BIG, accesses: 20000, span: 1_000_000 });
    const variant = { ...long.config.variant, ...BOTH_FIXES };
    writeFileSync(file, JSON.stringify({ ...long, config: { ...long.config, variant } }));
    await page.goto(url);
    await page.getByTestId('vcpu-0').waitFor();
    await page.locator('input[type="file"]').first().setInputFiles(file);
    await page.getByTestId('vcpu-15').waitFor({ timeout: 60_000 });
    // One step answered means the worker has the scenario.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent !== '0',
      null,
      {
        timeout: 120_000,
      },
    );
    // The worker records the timeline in slices after the first frames: wait until it is drawn,
    // so that the window measures playing with the whole timeline on screen.
    await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('slider', { name: /speed/i }).fill('1000');
    // A string, not a function: tsx's transform would wrap a function's inner names in a helper
    // that does not exist in the page.
    await page.evaluate(
      'window.__frames = []; (function loop(t) { window.__frames.push(t); requestAnimationFrame(loop); })(performance.now());',
    );
    const counters = () =>
      page.evaluate(() => {
        const st = window.__vePlayground?.state();
        return { steps: st?.executedTotal ?? 0, ms: st?.playingMs ?? 0 };
      });
    const before = await counters();
    const start = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // At full speed even 10^6 steps last only a second or two: when the run ends, a loop in the
    // page starts it over at once, so the worker plays for the whole window.
    // The store shows what the worker last sent, one frame per animation frame: after a restart
    // it still shows the stopped run until the worker's answer lands, so the loop waits to see the
    // run playing again (armed) before it restarts once more; otherwise one end of the run would
    // be counted (and restarted from 0) many times.
    await page.evaluate(`
      window.__restarts = 0;
      window.__armed = false;
      window.__restartLoop = setInterval(() => {
        const st = window.__vePlayground.state();
        if (st.playing) window.__armed = true;
        const play = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Play');
        if (window.__armed && !st.playing && play && st.step > 0) {
          window.__armed = false;
          [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Reset').click();
          play.click();
          window.__restarts++;
        }
      }, 5);
    `);
    if (process.env.UI_BENCH_TRACE) {
      // Optional: a Chromium trace of 3 s of playing, for profiling (`UI_BENCH_TRACE=out.json`).
      await browser.startTracing(page, {
        path: process.env.UI_BENCH_TRACE,
        categories: ['devtools.timeline'],
      });
      await page.waitForTimeout(3000);
      await browser.stopTracing();
      await page.waitForTimeout(SECONDS * 1000 - 3000);
    } else {
      await page.waitForTimeout(SECONDS * 1000);
    }
    await page.evaluate('clearInterval(window.__restartLoop)');
    const restarts = Number(await page.evaluate('window.__restarts'));
    const elapsed = (Date.now() - start) / 1000;
    await page.waitForTimeout(100);
    const after = await counters();
    const steps = after.steps - before.steps;
    const playMs = after.ms - before.ms;
    await page
      .getByRole('button', { name: 'Pause', exact: true })
      .click()
      .catch(() => undefined);
    const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
    const deltas = frames.slice(1).map((t, k) => t - frames[k]);
    const sorted = [...deltas].sort((a, b) => a - b);
    const span = (frames[frames.length - 1] - frames[0]) / 1000;
    console.log(
      `ui: 16 vCPUs × 64 entries, a 10^6-step run at max speed, ${elapsed.toFixed(1)} s (${restarts} restarts of the run)`,
    );
    console.log(
      `ui: fps ${(deltas.length / span).toFixed(1)}, frame time p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
    );
    console.log(
      `ui: worker steps/s ${Math.round((steps * 1000) / playMs)} while playing (${steps} steps in ${(playMs / 1000).toFixed(1)} s of play)`,
    );
    await jumpAndBack(page);
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Click to paint for a jump to a step of the 100 000 first steps of the run (the timeline's
 * "jump to step" box) and for Back at such a step: from the click until the frame after the step
 * counter changed has been painted (MutationObserver, then requestAnimationFrame + a task).
 */
async function jumpAndBack(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(`
    window.__clickToPaint = (button) => new Promise((resolve) => {
      const counter = document.querySelector('[data-testid="step-counter"]');
      const t0 = performance.now();
      const seen = new MutationObserver(() => {
        seen.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      });
      seen.observe(counter, { characterData: true, childList: true, subtree: true });
      button.click();
    });
  `);
  const box = page.getByRole('spinbutton', { name: 'jump to step' });
  const jump = async (step: number): Promise<number> => {
    await box.fill(String(step));
    return Number(
      await page.evaluate(`window.__clickToPaint(document.querySelector('button[aria-label="Jump"]'))`),
    );
  };
  const back = async (): Promise<number> =>
    Number(await page.evaluate(`window.__clickToPaint(document.querySelector('button[aria-label="Back"]'))`));
  // The run known up to 100 000 first (the worker runs it ahead in the background too).
  await jump(100_000);
  const rand = seededRandom(7);
  const next = () => 1000 + Math.floor(rand() * 99_000);
  const jumps: number[] = [];
  const backs: number[] = [];
  for (let i = 0; i < 30; i++) {
    jumps.push(await jump(next()));
    backs.push(await back());
  }
  jumps.sort((a, b) => a - b);
  backs.sort((a, b) => a - b);
  console.log(
    `ui: jump to a step of a 100 000-step run, click to paint: p50 ${percentile(jumps, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(jumps, 95).toFixed(1)} ms (target ≤ 16 ms)`,
  );
  console.log(
    `ui: Back there, click to paint: p50 ${percentile(backs, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(backs, 95).toFixed(1)} ms (target ≤ 16 ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
