/**
 * One browser harness for the end-to-end tests: builds the app (once per process, and only when
 * dist/ is missing or older than the sources), serves dist/ with Vite's preview server on a free
 * port, and drives Debian's Chromium through playwright-core.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { build, preview, type PreviewServer } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST_INDEX = join(ROOT, 'dist', 'index.html');
const LOCK = join(ROOT, 'node_modules', '.e2e-build.lock');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', '__screenshots__');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Written after a test-mode build (test hooks on): a production build in dist/ is rebuilt. */
const TEST_BUILD_MARK = join(ROOT, 'dist', '.test-build');
/** What the mark says: test hooks on, React's production build (an older mark is rebuilt). */
const TEST_BUILD_KIND = 'test hooks, production React';

function distIsStale(): boolean {
  if (!existsSync(DIST_INDEX) || !existsSync(TEST_BUILD_MARK)) return true;
  if (readFileSync(TEST_BUILD_MARK, 'utf8') !== TEST_BUILD_KIND) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'embed-example.html', 'vite.config.ts']
    .map((p) => join(ROOT, p))
    .filter(existsSync);
  return sources.some((p) => newestMtime(p) > built);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether process `pid` is still running (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Test files run in parallel processes: a lock directory lets exactly one of them build. It holds
 * its owner's pid, so a lock left by a killed run is taken over at once instead of after a timeout.
 */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const owner = join(LOCK, 'pid');
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(owner, String(process.pid));
      break;
    } catch {
      let stale = false;
      try {
        const pid = Number(readFileSync(owner, 'utf8'));
        stale = Number.isInteger(pid) && pid > 0 && !alive(pid);
      } catch {
        // No pid yet: the owner is between mkdir and write, unless the directory is old.
        stale = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > 10_000;
      }
      if (stale) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

let built: Promise<void> | null = null;

function ensureBuilt(): Promise<void> {
  built ??= withBuildLock(async () => {
    if (distIsStale()) {
      // Vitest sets NODE_ENV=test, which would give React's development build (several times
      // slower, and not what ships): the tests drive the production build, hooks added by mode.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({ root: ROOT, mode: 'test', logLevel: 'warn' });
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
      writeFileSync(TEST_BUILD_MARK, TEST_BUILD_KIND);
    }
  });
  return built;
}

export interface Harness {
  url: string;
  browser: Browser;
  server: PreviewServer;
  close(): Promise<void>;
}

export async function startHarness(chromiumArgs: readonly string[] = []): Promise<Harness> {
  await ensureBuilt();
  const server = await preview({ root: ROOT, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await launchChromium(chromiumArgs);
  return {
    url,
    browser,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Starts the harness before a test file's tests and closes it after them. The object it returns
 * stands for the harness (its fields are read once it has started), so tests write `harness.url`.
 */
export function useHarness(chromiumArgs: readonly string[] = []): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(chromiumArgs);
  }, 180_000);
  // A page a failed test left open would go on running (its worker, its timers) through the next
  // tests of the file, on a machine where the suite is bound by CPU.
  afterEach(async () => {
    await Promise.all((started?.browser.contexts() ?? []).map((context) => context.close()));
  });
  afterAll(async () => {
    await started?.close();
  });
  const get = (): Harness => {
    if (!started) throw new Error('the e2e harness has not started');
    return started;
  };
  return {
    get url() {
      return get().url;
    },
    get browser() {
      return get().browser;
    },
    get server() {
      return get().server;
    },
    close: () => get().close(),
  };
}

/** A fresh page on `hash`, waited until the engine's first frame has rendered. */
export async function openPlayground(
  harness: Harness,
  hash = '',
  viewport = { width: 1280, height: 720 },
  colorScheme: 'light' | 'dark' = 'light',
  /** 'reduce' where thousands of runs open and their moves' animation is not what is tested. */
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<Page> {
  const context = await harness.browser.newContext({ viewport, colorScheme, reducedMotion });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(harness.url + hash);
  await page.getByTestId('vcpu-0').waitFor();
  return page;
}

export async function attr(page: Page, testId: string, name: string): Promise<string | null> {
  return page.getByTestId(testId).getAttribute(name);
}

export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent()) ?? '';
}

export async function stepNumber(page: Page): Promise<number> {
  return Number(await text(page, 'step-counter'));
}

/** Clicks Step and waits for the worker's frame (the step counter moves). */
export async function step(page: Page): Promise<number> {
  const before = await stepNumber(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(
    (b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) !== b,
    before,
  );
  return stepNumber(page);
}

/** Steps until `done` holds (checked before every step); fails after `max` steps. */
export async function stepUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<number> {
  for (let n = 0; n < max; n++) {
    if (await done()) return n;
    await step(page);
  }
  if (await done()) return max;
  throw new Error(`condition not reached within ${max} steps (at step ${await stepNumber(page)})`);
}

/** A set of readouts that together describe what the user sees of the machine. */
export async function readouts(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const out: Record<string, string | null> = {};
    for (const el of document.querySelectorAll('[data-testid]')) {
      const id = el.getAttribute('data-testid') ?? '';
      if (/^(step-counter|busy-|guest-current-|host-current-)/.test(id)) out[id] = el.textContent;
      for (const a of ['data-state', 'data-active', 'data-status', 'data-current', 'data-broken']) {
        const v = el.getAttribute(a);
        if (v !== null) out[`${id}@${a}`] = v;
      }
    }
    return out;
  });
}
