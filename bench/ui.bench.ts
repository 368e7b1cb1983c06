/**
 * UI benchmark (`npm run bench:ui`): builds the app, serves dist/ and drives headless Chromium.
 * Prints the gzip size of the built JavaScript (what the first visit loads, the engine worker
 * included, and everything), then for the 16 vCPU × 64 entry machine and the default playground,
 * each a 10^6-step run: frame times and main-thread CPU per frame while playing at maximum speed,
 * and click to paint for a jump to any step and for Back. Every figure is printed beside its
 * target (issue 11), with the machine's load average. Not a test: figures, no pass/fail.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/chromium';
import { build, preview } from 'vite';
import { BOTH_FIXES, seededRandom, type Scenario } from '../src/engine';
import { mainThreadMs, mainThreadSplit } from './mainThread';
import { BIG, bigScenario, defaultPlaygroundLong } from './uiScenario';

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
  console.log(`ui: load average ${loadLine()} (a shared machine stretches every figure)`);
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
    `bundle initial-load JS gzip: ${(gzInitial / 1024).toFixed(1)} KiB (${initial.size} files; target ≤ 140 KB)`,
  );
  console.log(`bundle total JS gzip: ${(gzTotal / 1024).toFixed(1)} KiB (${js.length} files)`);

  const server = await preview({ root: ROOT, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await launchChromium([], true);
  const big = bigScenario({ ...BIG, accesses: 20000, span: 1_000_000 });
  // Both fixes on, so that no BUG_ON (protocol.md §3) ends the run early.
  const bigLong = { ...big, config: { ...big.config, variant: { ...big.config.variant, ...BOTH_FIXES } } };
  const small = defaultPlaygroundLong();
  const wide = { width: 1920, height: 1080 };
  const laptop = { width: 1280, height: 720 };
  // UI_BENCH_ONLY=play or =jump runs one kind of case.
  const only = process.env.UI_BENCH_ONLY;
  try {
    const machine = '16 vCPUs × 64 entries';
    if (only !== 'jump')
      await playCase(browser, url, { name: machine, scenario: bigLong, viewport: wide, mainTarget: 8 });
    if (only !== 'jump')
      await playCase(browser, url, {
        name: 'default playground',
        scenario: small,
        viewport: laptop,
        mainTarget: 2,
      });
    if (only === 'play') return;
    await jumpCase(browser, url, { name: `${machine}, 1920×1080`, scenario: bigLong, viewport: wide });
    await jumpCase(browser, url, { name: `${machine}, 1280×720`, scenario: bigLong, viewport: laptop });
    await jumpCase(browser, url, { name: 'default playground, 1280×720', scenario: small, viewport: laptop });
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`ui: load average now ${loadLine()}`);
}

function loadLine(): string {
  return `${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) on ${availableParallelism()} cores`;
}

interface Case {
  name: string;
  scenario: Scenario;
  viewport: { width: number; height: number };
}

/**
 * A page with `scenario` open as a file (a link is capped at 64 KiB), its timeline drawn;
 * `init` runs in the page before the app does.
 */
async function openCase(browser: Browser, url: string, c: Case, init?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: c.viewport });
  if (init) await page.addInitScript(init);
  const file = join(mkdtempSync(join(tmpdir(), 've-bench-')), 'bench.json');
  writeFileSync(file, JSON.stringify(c.scenario));
  await page.goto(url);
  await page.getByTestId('vcpu-0').waitFor();
  await page.locator('input[type="file"]').first().setInputFiles(file);
  const lastVcpu = c.scenario.config.vcpus.length - 1;
  await page.getByTestId(`vcpu-${lastVcpu}`).waitFor({ timeout: 60_000 });
  // The scenario's title in the header says the file is open (the default one has two vCPUs too).
  await page.waitForFunction(
    (title) => document.querySelector('.scenario-title')?.textContent === title,
    c.scenario.title ?? '',
    { timeout: 120_000 },
  );
  // The worker records the timeline in slices after the first frames: wait until it is drawn,
  // so that what is measured has the whole timeline on screen.
  await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor({ timeout: 120_000 });
  return page;
}

/**
 * Plays the run at maximum speed for SECONDS and reports the page's frame times (rAF timestamps),
 * the main thread's CPU per frame (a trace of 3 s of it) and the worker's steps per second.
 */
async function playCase(browser: Browser, url: string, c: Case & { mainTarget: number }): Promise<void> {
  const page = await openCase(browser, url, c);
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
  // When the run ends, a loop in the page starts it over at once, so the worker plays for the
  // whole window. The store shows what the worker last sent: after a restart it still shows the
  // stopped run until the worker's answer lands, so the loop waits to see the run playing again
  // (armed) before it restarts once more.
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
  await page.waitForTimeout(1000);
  const framesBefore = Number(await page.evaluate('window.__frames.length'));
  // The 3 s trace is kept for profiling with `UI_BENCH_TRACE=out.json` (each case overwrites it).
  const mainMs = await mainThreadMs(
    browser,
    page,
    () => page.waitForTimeout(3000),
    process.env.UI_BENCH_TRACE,
  );
  const tracedFrames = Number(await page.evaluate('window.__frames.length')) - framesBefore;
  await page.waitForTimeout(Math.max(0, SECONDS * 1000 - 4000));
  await page.evaluate('clearInterval(window.__restartLoop)');
  const restarts = Number(await page.evaluate('window.__restarts'));
  const elapsed = (Date.now() - start) / 1000;
  const after = await counters();
  const steps = after.steps - before.steps;
  const playMs = after.ms - before.ms;
  await page
    .getByRole('button', { name: 'Pause', exact: true })
    .click()
    .catch(() => undefined);
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const deltas = frames.slice(1).map((t, k) => t - frames[k]!);
  const sorted = [...deltas].sort((a, b) => a - b);
  const span = (frames[frames.length - 1]! - frames[0]!) / 1000;
  console.log(
    `ui play: ${c.name}, a 10^6-step run at max speed, ${c.viewport.width}×${c.viewport.height}, ${elapsed.toFixed(1)} s (${restarts} restarts of the run; load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `ui play: fps ${(deltas.length / span).toFixed(1)}, frame time p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(sorted, 95).toFixed(1)} ms (target ≤ 16.7 ms)`,
  );
  console.log(
    `ui play: main-thread CPU ${(mainMs / Math.max(1, tracedFrames)).toFixed(1)} ms per frame ` +
      `(${tracedFrames} frames traced; target ≤ ${c.mainTarget} ms)`,
  );
  console.log(
    `ui play: worker steps/s ${Math.round((steps * 1000) / playMs)} while playing (${steps} steps in ${(playMs / 1000).toFixed(1)} s of play)`,
  );
  await page.close();
}

/**
 * Click to paint for a jump to a step of the 100 000 first steps of the run (the timeline's
 * "jump to step" box) and for Back at such a step: from the click until the frame after the step
 * counter changed has been painted (MutationObserver, then requestAnimationFrame + a task); on the
 * way, when the worker's answer arrived and when the DOM showed the step. And the main thread's
 * CPU per click (trace), with its style + layout and paint shares. A jump is clicked once the typed
 * step is on screen.
 */
async function jumpCase(browser: Browser, url: string, c: Case): Promise<void> {
  // The worker's last message, timed in the page (a listener added before the app's own).
  const page = await openCase(
    browser,
    url,
    c,
    `{ const W = window.Worker; window.Worker = class extends W { constructor(...a) { super(...a);
       this.addEventListener('message', () => { window.__answered = performance.now(); }); } }; }`,
  );
  await page.evaluate(`
    window.__clickToPaint = (button) => new Promise((resolve) => {
      const counter = document.querySelector('[data-testid="step-counter"]');
      window.__answered = 0;
      const t0 = performance.now();
      const seen = new MutationObserver(() => {
        const shown = performance.now() - t0;
        seen.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => resolve([window.__answered - t0, shown, performance.now() - t0]), 0),
        );
      });
      seen.observe(counter, { characterData: true, childList: true, subtree: true });
      button.click();
    });
  `);
  type Timing = [answered: number, shown: number, painted: number];
  // A CSS selector, not a role: resolving a role walks the page's accessibility on its main thread.
  const jump = async (step: number): Promise<Timing> => {
    await page.fill('input[aria-label="jump to step"]', String(step));
    // The typed number painted first, as it is when a person clicks Jump: the click's answer
    // would otherwise wait behind the typing's own frame.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    return (await page.evaluate(
      `window.__clickToPaint(document.querySelector('.tl-nav-jump button[type="submit"]'))`,
    )) as Timing;
  };
  const back = async (): Promise<Timing> =>
    (await page.evaluate(
      `window.__clickToPaint(document.querySelector('button[aria-label="Back"]'))`,
    )) as Timing;
  // The run known up to 100 000 first (the worker runs it ahead in the background too).
  await jump(100_000);
  const rand = seededRandom(7);
  const next = () => 1000 + Math.floor(rand() * 99_000);
  const jumps: Timing[] = [];
  const backs: Timing[] = [];
  const main = await mainThreadSplit(browser, page, async () => {
    for (let i = 0; i < 30; i++) {
      jumps.push(await jump(next()));
      backs.push(await back());
    }
  });
  const p = (xs: Timing[], k: number, q: number) =>
    percentile(
      xs.map((x) => x[k]!).sort((a, b) => a - b),
      q,
    ).toFixed(1);
  console.log(`ui jump: ${c.name} (load ${loadavg()[0]!.toFixed(1)})`);
  for (const [what, xs] of [
    ['jump to a step of a 100 000-step run', jumps],
    ['Back there', backs],
  ] as const) {
    console.log(
      `ui jump: ${what}, click to paint: p50 ${p(xs, 2, 50)} ms, p95 ${p(xs, 2, 95)} ms (target ≤ 16 ms); ` +
        `p50 worker answered ${p(xs, 0, 50)} ms, DOM showed the step ${p(xs, 1, 50)} ms`,
    );
  }
  const clicks = jumps.length + backs.length;
  console.log(
    `ui jump: main-thread CPU ${(main.total / clicks).toFixed(1)} ms per click (jumps and Backs, trace), ` +
      `of it style + layout ${(main.styleLayout / clicks).toFixed(1)} ms, paint ${(main.paint / clicks).toFixed(1)} ms`,
  );
  await page.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
