/**
 * The Explore panel in a real browser (explore.md "In the playground"): explore preset 16, open
 * its shortest BUG_ON, go back, share; the playground stays live during a big search; Cancel; the
 * variant matrix; coverage of a hand-played run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { ROOT } from '../explore/helpers';
import { attr, openPlayground, SCREENSHOTS, useHarness, step, stepNumber, text } from './harness';

const harness = useHarness();

function presetHash(name: string): string {
  const parsed = parseScenario(
    JSON.parse(readFileSync(join(ROOT, 'public/scenarios', name + '.json'), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return encodeScenarioHash(parsed.scenario);
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function exploreAndWait(page: Page): Promise<void> {
  await button(page, 'Explore').click();
  await page.getByTestId('explore-status').waitFor({ timeout: 90_000 });
}

describe('Explore panel', () => {
  it('preset 16: explore, open the shortest BUG_ON at its last step, Back, Share', async () => {
    const page = await openPlayground(harness, presetHash('bug-on-despite-check'), {
      width: 1280,
      height: 900,
    });
    await exploreAndWait(page);
    expect(await attr(page, 'explore-status', 'data-complete')).toBe('true');
    const status = await text(page, 'explore-status');
    expect(status).toMatch(/states/);
    expect(status).toMatch(/transitions/);
    expect(status).toMatch(/depth/);
    expect(status).toMatch(/ s$/);
    for (const id of ['finding-invariant-no-bug', 'finding-invariant-no-nested-wait', 'finding-outcome-bug'])
      expect(await page.getByTestId(id).count()).toBe(1);
    expect(await text(page, 'finding-invariant-no-bug')).toContain('33 steps');
    await page
      .getByRole('region', { name: 'explore' })
      .screenshot({ path: join(SCREENSHOTS, 'explore-panel.png') });

    await page.getByTestId('finding-invariant-no-bug').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="vcpu-0"]')?.getAttribute('data-state') === 'dead',
    );
    expect(await page.getByTestId('outcome').count()).toBe(1);
    expect(await attr(page, 'invariant-no-bug', 'data-broken')).toBe('true');
    expect(await stepNumber(page)).toBe(33);
    // Coverage follows the loaded counterexample: it has reached the findings it demonstrates.
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="explore-reached"]')?.textContent?.includes('invariant:no-bug'),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-finding-loaded.png'), fullPage: true });

    await button(page, 'Back').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '32',
    );
    expect(await attr(page, 'invariant-no-bug', 'data-broken')).toBe('false');
    expect(await attr(page, 'vcpu-0', 'data-state')).not.toBe('dead');
    await step(page);
    expect(await attr(page, 'invariant-no-bug', 'data-broken')).toBe('true');

    await button(page, 'Share').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/#s=.+&at=33$/);
    // The shared URL reopens the counterexample at its last step, broken.
    const again = await openPlayground(harness, url.slice(url.indexOf('#')));
    await again.waitForFunction(
      () => document.querySelector('[data-testid="vcpu-0"]')?.getAttribute('data-state') === 'dead',
    );
    expect(await attr(again, 'invariant-no-bug', 'data-broken')).toBe('true');
    await again.context().close();
    await page.context().close();
  });

  it('coverage: the run played by hand is counted against the exploration', async () => {
    const page = await openPlayground(harness, presetHash('bug-on-despite-check'));
    await exploreAndWait(page);
    const visited = async () => Number(await attr(page, 'explore-coverage', 'data-visited'));
    await page.getByTestId('explore-coverage').waitFor();
    expect(await visited()).toBe(1); // step 0: the initial state
    for (let i = 0; i < 5; i++) await step(page);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="explore-coverage"]')?.getAttribute('data-visited')) >= 6,
    );
    expect(await visited()).toBe(6);
    await page.context().close();
  });

  it('the playground stays live while a big machine is explored; Cancel keeps the partial result', async () => {
    const page = await openPlayground(harness, presetHash('two-vcpus'));
    await button(page, 'Explore').click();
    // The search runs for seconds; should it stop at once, say what the panel shows instead.
    await page
      .locator('[data-testid="explore-progress"], .explore-error, [data-testid="explore-status"]')
      .first()
      .waitFor();
    expect(
      await page.getByTestId('explore-progress').count(),
      await page.locator('section.explore').innerText(),
    ).toBe(1);
    const progressBefore = await text(page, 'explore-progress');
    const stepBefore = await stepNumber(page);
    for (let i = 0; i < 3; i++) await step(page);
    expect(await stepNumber(page)).toBeGreaterThan(stepBefore);
    // The search went on meanwhile, and is still running.
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="explore-progress"]')?.textContent !== before,
      progressBefore,
    );
    expect(await button(page, 'Cancel').count()).toBe(1);
    await button(page, 'Cancel').click();
    await button(page, 'Explore').waitFor();
    expect(await page.getByTestId('explore-progress').count()).toBe(0);
    // What was searched stays on screen, marked incomplete, with its coverage.
    expect(await attr(page, 'explore-status', 'data-complete')).toBe('false');
    expect(await text(page, 'explore-status')).toMatch(/Incomplete \(cancelled\): [\d,]+ states/);
    expect(await attr(page, 'explore-stopped', 'data-reason')).toBe('cancelled');
    await page.getByTestId('explore-coverage').waitFor();
    expect(Number(await attr(page, 'explore-coverage', 'data-visited'))).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('Cancel keeps the findings found so far, and they open', async () => {
    // A lost page-in kills the task 6 steps in; two more swapped pages make the search long.
    const raw = JSON.parse(readFileSync(join(ROOT, 'public/scenarios/nested-lost-vmexit.json'), 'utf8')) as {
      config: { entries?: number; pages: unknown[] };
    };
    raw.config.entries = 4;
    raw.config.pages.push({ gpa: '0x4000', backing: 'swapped' }, { gpa: '0x5000', backing: 'swapped' });
    const parsed = parseScenario(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    const big = parsed.scenario;
    const page = await openPlayground(harness, encodeScenarioHash(big));
    await button(page, 'Explore').click();
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="explore-progress-findings"]')?.getAttribute('data-findings'),
        ) >= 1,
      undefined,
      { timeout: 60_000 },
    );
    await button(page, 'Cancel').click();
    await page.getByTestId('explore-status').waitFor();
    expect(await attr(page, 'explore-status', 'data-complete')).toBe('false');
    await page.getByTestId('finding-outcome-killed').click();
    await page.getByTestId('outcome').waitFor();
    expect(await text(page, 'outcome')).toMatch(/killed/i);
    await page.context().close();
  });

  it('maxStates is set in the panel', async () => {
    const page = await openPlayground(harness, presetHash('bug-on-despite-check'));
    const maxStates = page.getByLabel('Max states');
    await maxStates.fill('2000');
    await exploreAndWait(page);
    expect(await attr(page, 'explore-status', 'data-complete')).toBe('false');
    expect(await text(page, 'explore-status')).toMatch(/maxStates reached\): 2,000 states/);
    expect(await text(page, 'explore-stopped')).toContain('2000 states');

    await page.context().close();
  });

  it('?pair=1: each playground explores its own machine; the other one is untouched', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${harness.url}?pair=1`);
    const [first, second] = [0, 1].map((i) => page.locator('[data-playground]').nth(i));
    await first.getByTestId('vcpu-0').waitFor();
    await second.getByTestId('vcpu-0').waitFor();
    const region = (p: typeof first) => p.getByRole('region', { name: 'explore' });

    // The second one: a fault first, so that it explores a machine of its own, then a bounded search.
    await second.getByTestId('page-0x2000').click();
    await second.getByRole('button', { name: 'Step', exact: true }).click();
    await second.getByTestId('step-counter').getByText('1').waitFor();
    await region(second).getByLabel('Max states').fill('3000');
    await region(second).getByRole('button', { name: 'Explore', exact: true }).click();
    await second.getByTestId('explore-status').waitFor({ timeout: 90_000 });
    expect(await second.getByTestId('explore-status').textContent()).toMatch(
      /maxStates reached\): 3,000 states/,
    );

    // The first one has explored nothing, kept its own bounds and its run.
    expect(await first.getByTestId('explore-status').count()).toBe(0);
    expect(await region(first).locator('.explore-hint').isVisible()).toBe(true);
    expect(await region(first).getByLabel('Max states').inputValue()).toBe('');
    expect(await region(first).getByRole('button', { name: 'Explore', exact: true }).isEnabled()).toBe(true);
    expect(await first.getByTestId('step-counter').textContent()).toBe('0');

    // And the other way round: the first explores with its own bound; the second keeps its result.
    await region(first).getByLabel('Max states').fill('2000');
    await region(first).getByRole('button', { name: 'Explore', exact: true }).click();
    await first.getByTestId('explore-status').waitFor({ timeout: 90_000 });
    expect(await first.getByTestId('explore-status').textContent()).toMatch(/2,000 states/);
    expect(await second.getByTestId('explore-status').textContent()).toMatch(/3,000 states/);
    expect(await second.getByTestId('step-counter').textContent()).toBe('1');
    await context.close();
  });

  it('a memory bound set in the panel stops a big search, saying so', async () => {
    const page = await openPlayground(harness, presetHash('two-vcpus'));
    const memory = page.getByLabel('Memory bound (MiB)');
    expect(await memory.inputValue()).toBe('1024');
    await memory.fill('16');
    await exploreAndWait(page);
    expect(await attr(page, 'explore-status', 'data-complete')).toBe('false');
    expect(await text(page, 'explore-status')).toContain('memory bound reached');
    expect(await attr(page, 'explore-stopped', 'data-reason')).toBe('max-memory');
    expect(await text(page, 'explore-stopped')).toContain('memory bound of 16 MiB');

    // Something that is not a bound is marked as such.
    await memory.fill('lots');
    expect(await memory.getAttribute('aria-invalid')).toBe('true');
    await memory.fill('64');
    expect(await memory.getAttribute('aria-invalid')).toBe('false');
    await page.context().close();
  });

  it('Explore all variants: the matrix of preset 16 side by side', async () => {
    const page = await openPlayground(harness, presetHash('bug-on-despite-check'), {
      width: 1280,
      height: 900,
    });
    await button(page, 'Explore all variants').click();
    await page.getByTestId('explore-matrix').waitFor();
    await button(page, 'Explore').waitFor({ timeout: 150_000 });
    const cell = (row: number, id: string) => page.getByTestId(`matrix-${row}-${id}`);
    expect(await cell(0, 'invariant-no-bug').textContent()).toBe('33');
    expect(await cell(0, 'outcome-bug').textContent()).toBe('33');
    expect(await cell(0, 'invariant-no-nested-wait').textContent()).toBe('54');
    expect(await cell(5, 'invariant-no-nested-wait').count()).toBe(0); // tifInVeClear: owner
    expect(await cell(6, 'invariant-no-bug').count()).toBe(0); // smClear: after-release
    expect(await page.getByTestId('matrix-row-7').getByRole('button').count()).toBe(0); // both fixes
    await page
      .getByRole('region', { name: 'explore' })
      .screenshot({ path: join(SCREENSHOTS, 'explore-matrix.png') });
    await cell(6, 'invariant-no-nested-wait').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="invariant-no-nested-wait"]')?.getAttribute('data-broken') ===
        'true',
    );
    await page.context().close();
  }, 180_000);
});
