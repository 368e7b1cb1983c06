/**
 * Hostile input in Chromium (issue 13): about 2 000 hostile links and 300 hostile files and drops,
 * generated with a seed (fuzzInputs.ts), go through the app's own input paths in one page
 * (fuzzRunner.ts): `location.hash` as a pasted link, the file picker's change event, a dropped
 * file, dropped text. Each one gives a run or a clear refusal, never a blank page; a refusal keeps
 * the run that was open (same scenario, same step) and a refused link stays in the address bar;
 * nothing hangs (every answer has a bound). A few real navigations and reloads cover the load path.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generate } from './fuzzInputs';
import { runInputs, type FuzzInput, type FuzzReport } from './fuzzRunner';
import { openPlayground, stepNumber, text, useHarness } from './harness';

// Chromium ignores address changes past 200 in 10 s (a guard against pages that flood the
// history API); a person never pastes that fast, the fuzz loop does, so the guard is off here.
const harness = useHarness(['--disable-ipc-flooding-protection']);
const { links, files } = generate();
/** The longest any single answer may take on a loaded 2-core CI machine before it counts as a hang. */
const BOUND_MS = 10_000;

async function fuzz(page: Page, inputs: FuzzInput[], batch: number): Promise<FuzzReport> {
  const total: FuzzReport = {
    failures: [],
    opened: 0,
    refused: 0,
    ignored: 0,
    noted: 0,
    skipped: 0,
    time: {},
  };
  for (let first = 0; first < inputs.length; first += batch) {
    const report = await page.evaluate(runInputs, {
      inputs: inputs.slice(first, first + batch),
      first,
      boundMs: BOUND_MS,
      pingEvery: 25,
    });
    for (const key of ['opened', 'refused', 'ignored', 'noted', 'skipped'] as const)
      total[key] += report[key];
    total.failures.push(...report.failures);
    for (const [kind, [n, ms]] of Object.entries(report.time)) {
      const t = (total.time[kind] ??= [0, 0]);
      t[0] += n;
      t[1] += ms;
    }
    if (report.failures.some((f) => f.includes('hang'))) break;
  }
  return total;
}

describe('fuzz: hostile input in Chromium', () => {
  it(`${links.length} hostile links pasted into one page: a run or a message, the run kept`, async () => {
    expect(links.length).toBeGreaterThanOrEqual(2000);
    const page = await openPlayground(harness, '', undefined, 'light', 'reduce');
    const report = await fuzz(
      page,
      links.map((l) => ({ type: 'link', ...l })),
      300,
    );
    if (process.env.FUZZ_TIMES) console.log(report);
    expect(report.failures.slice(0, 20)).toEqual([]);
    expect(report.skipped).toBe(0);
    // Both sides were exercised: many links opened (lenient forms included), many were refused.
    expect(report.opened).toBeGreaterThan(150);
    expect(report.refused).toBeGreaterThan(1500);
    expect(report.noted).toBeGreaterThanOrEqual(30);
    await page.context().close();
  }, 400_000);

  it(`${files.length} hostile files and drops: a run or a message naming the file, the run kept`, async () => {
    expect(files.filter((f) => f.via !== 'drop-text').length).toBeGreaterThanOrEqual(200);
    const page = await openPlayground(harness, '', undefined, 'light', 'reduce');
    const report = await fuzz(
      page,
      files.map((f) => ({ type: 'file', ...f })),
      50,
    );
    if (process.env.FUZZ_TIMES) console.log(report);
    expect(report.failures.slice(0, 20)).toEqual([]);
    expect(report.opened).toBeGreaterThan(80);
    expect(report.refused).toBeGreaterThan(150);
    await page.context().close();
  }, 400_000);

  it('real navigations and reloads: hostile links on a fresh page, lenient ones, a reload that offers the run back', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    let page = await context.newPage();
    const goto = async (hash: string) => {
      await page.goto('about:blank');
      await page.goto(harness.url + hash);
      await page.getByTestId('vcpu-0').waitFor();
    };
    const firstOf = (expect: string) => {
      const seen = new Set<string>();
      return links.filter((l) => l.expect === expect && !seen.has(l.kind) && seen.add(l.kind));
    };
    // Refused on a fresh page: the message, the default playground, the link left as it was.
    const refused = firstOf('refuse');
    expect(refused.length).toBeGreaterThanOrEqual(8);
    for (const link of refused) {
      await goto(link.hash);
      await page.getByTestId('error').waitFor();
      expect(await text(page, 'error'), link.kind).toContain('opened the default scenario instead');
      expect(await page.locator('.scenario-title').textContent(), link.kind).toContain('Playground');
      expect(await page.evaluate(() => location.hash), link.kind).toBe(new URL(harness.url + link.hash).hash);
    }
    // Lenient links open as they would by a paste.
    for (const link of firstOf('open')) {
      await goto(link.hash);
      await page.waitForFunction(
        (title) => document.querySelector('.scenario-title')?.textContent === title,
        link.title,
      );
      expect(await page.getByTestId('error').count(), link.kind).toBe(0);
      if (link.note) await page.getByTestId('input-note').waitFor();
    }
    // A run open, then a refused link pasted over it, then a reload: the refused link is what
    // the address says, so the default opens, and the run is offered back from this browser.
    // In a fresh browser profile: the run saved by the links above would be offered instead.
    await context.close();
    const fresh = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page2 = await fresh.newPage();
    page = page2;
    const valid = links.find((l) => l.kind === 'valid' && (l.at ?? 0) >= 3);
    if (!valid) throw new Error('no valid link with a step');
    await goto(valid.hash);
    await page.waitForFunction(
      (at) =>
        document.querySelector('[data-testid="step-counter"]')?.textContent !== null &&
        window.__vePlayground?.state().step === at,
      valid.at,
    );
    const at = await stepNumber(page);
    await page.waitForFunction(
      (n) => localStorage.getItem('ve-playground:last-run')?.includes(`"at":${n},`),
      at,
    );
    await page.evaluate((hash) => {
      location.hash = hash;
    }, refused[0]!.hash);
    await page.getByTestId('error').waitFor();
    await page.reload();
    await page.getByTestId('vcpu-0').waitFor();
    await page.getByTestId('error').waitFor();
    await page.getByRole('button', { name: 'Restore your last run' }).click();
    await page.waitForFunction(
      (title) => document.querySelector('.scenario-title')?.textContent === title,
      valid.title,
    );
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(n),
      at,
    );
    // A reload of a run that opened keeps it where it was.
    await page.waitForFunction((n) => location.hash.endsWith(`&at=${n}`), at);
    await page.reload();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(n),
      at,
    );
    expect(await page.locator('.scenario-title').textContent()).toBe(valid.title);
    await fresh.close();
  }, 120_000);
});
