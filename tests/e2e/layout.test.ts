/**
 * ui-contract.md "Layout (revision 2)": lecture mode fits the projector (no scrolling, code at
 * 16 px or more), every current code line is on screen and uncovered, the phone has no sideways
 * scroll, an embed shows the busy word, the bits and the slots.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeScenarioHash } from '../../src/share';
import type { Scenario } from '../../src/engine';
import { useHarness } from './harness';
import { counter, presetHash, presetNames, presetScenario } from './stagePresets';

const harness = useHarness();

/** What a check of the page found wrong at one step; empty when all is well. */
type Problems = string[];

/**
 * Runs in the page: the layout rules at this moment. `testIds` are readouts that must be on
 * screen and uncovered too; `minCodePx` the smallest code font allowed (0: not checked).
 */
function checkPage({
  testIds,
  minCodePx,
  scroll,
}: {
  testIds: string[];
  minCodePx: number;
  scroll: boolean;
}) {
  const problems: string[] = [];
  const root = document.documentElement;
  if (scroll && root.scrollHeight > innerHeight + 1)
    problems.push(`page scrolls: ${root.scrollHeight} > ${innerHeight}`);
  if (root.scrollWidth > innerWidth + 1)
    problems.push(`page scrolls sideways: ${root.scrollWidth} > ${innerWidth}`);
  const uncovered = (el: Element, what: string) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return problems.push(`${what} is not rendered`);
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
      return problems.push(`${what} is off screen (${Math.round(r.top)}..${Math.round(r.bottom)})`);
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !el.contains(hit)) problems.push(`${what} is covered by ${hit?.className || hit?.tagName}`);
  };
  const current = [...document.querySelectorAll('[data-testid^="code-line-"]')].filter(
    (e) => (e.getAttribute('data-current') ?? '') !== '',
  );
  for (const line of current) {
    uncovered(line, line.getAttribute('data-testid') ?? 'a code line');
    const px = parseFloat(getComputedStyle(line.querySelector('pre') ?? line).fontSize);
    if (px < minCodePx) problems.push(`${line.getAttribute('data-testid')} is ${px}px`);
  }
  for (const id of testIds) {
    const els = document.querySelectorAll(`[data-testid="${id}"], [data-testid^="${id.replace(/\*$/, '')}"]`);
    if (els.length === 0) problems.push(`${id} is missing`);
    for (const el of id.endsWith('*') ? els : [...els].slice(0, 1))
      uncovered(el, el.getAttribute('data-testid') ?? id);
  }
  const step = document.querySelector('[data-testid="step-counter"]')?.textContent;
  return problems.map((p) => `step ${step}: ${p}`);
}

async function check(page: Page, testIds: string[], minCodePx: number, scroll = true): Promise<Problems> {
  return page.evaluate(checkPage, { testIds, minCodePx, scroll });
}

/**
 * Steps with → until the run stops (Step disabled) or `max` steps, checking every step. The walk
 * runs in the page (one round trip per walk): each → waits for the step counter to change.
 */
async function walk(
  page: Page,
  testIds: string[],
  minCodePx: number,
  max: number,
  scroll = true,
): Promise<Problems> {
  return page.evaluate(
    async ({ args, max, checkSource }) => {
      // The page check travels as source: evaluate() sends one function, not its helpers.
      const checkPage = new Function(`return (${checkSource})`)() as (a: typeof args) => string[];
      const counter = () => document.querySelector('[data-testid="step-counter"]')?.textContent ?? '';
      const stepButton = () =>
        [...document.querySelectorAll('button')].find(
          (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === 'Step',
        );
      const changed = (before: string) =>
        new Promise<boolean>((resolve) => {
          const started = performance.now();
          const poll = () => {
            if (counter() !== before) resolve(true);
            else if (performance.now() - started > 20_000) resolve(false);
            else requestAnimationFrame(poll);
          };
          poll();
        });
      const problems = [...checkPage(args)];
      for (let n = 0; n < max && stepButton()?.disabled === false; n++) {
        const before = counter();
        document.body.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', bubbles: true }),
        );
        if (!(await changed(before))) {
          problems.push(`step ${before}: → did not step within 20 s`);
          break;
        }
        // Two frames: the layout after the step's paint, as a viewer sees it.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        problems.push(...checkPage(args));
      }
      return problems;
    },
    { args: { testIds, minCodePx, scroll }, max, checkSource: checkPage.toString() },
  );
}

async function openAt(viewport: { width: number; height: number }, query: string, hash: string) {
  const context = await harness.browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${harness.url}${query}${hash}`);
  await page.getByTestId('vcpu-0').waitFor();
  return page;
}

async function goTo(page: Page, query: string, hash: string): Promise<void> {
  // A fresh document each time: a change of the fragment alone would not reload the page.
  await page.goto('about:blank');
  await page.goto(`${harness.url}${query}${hash}`);
  await page.getByTestId('vcpu-0').waitFor();
  await page.locator('.step-badge').first().click();
}

/**
 * How far a preset's story goes: a manual-scheduler preset until its last recorded pick (after
 * that the user picks), any other until its run stops (the walk stops when Step is disabled).
 */
function storyLength(name: string): number {
  const scenario = presetScenario(name);
  // Nothing recorded (the playground): the story is the user's clicks.
  if (scenario.actions.length === 0) return 0;
  if (scenario.config.scheduler !== 'manual') return 150;
  return Math.max(0, ...scenario.actions.map((a) => a.at + 1));
}

function hashOf(scenario: Scenario): string {
  return encodeScenarioHash(scenario);
}

/** Pages that walk the presets at the same time (each preset is walked by one of them). */
const WALKERS = 3;

/** `items` in `n` groups of about equal weight: the heaviest first, each to the lightest group. */
function shareOut<T>(items: readonly T[], weight: (item: T) => number, n: number): T[][] {
  const groups = Array.from({ length: n }, () => ({ items: [] as T[], weight: 0 }));
  for (const item of [...items].sort((a, b) => weight(b) - weight(a))) {
    const lightest = groups.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.items.push(item);
    // A preset with no story still costs its page load.
    lightest.weight += weight(item) + 10;
  }
  return groups.map((g) => g.items);
}

describe('lecture mode fits the projector', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    it(`walks every preset to its end at ${viewport.width}×${viewport.height}: no scrolling, every current line on screen`, async () => {
      // The walk waits for frames far more than it computes: WALKERS pages walk side by side.
      const walkers = shareOut(presetNames(), storyLength, WALKERS);
      const found = await Promise.all(
        walkers.map(async (mine) => {
          const page = await openAt(viewport, '?lecture=1', '');
          const problems: Problems = [];
          for (const name of mine) {
            await goTo(page, '?lecture=1', presetHash(name));
            const readouts = ['busy-0', 'slot-0-*', 'task-0-*', 'step-explanation'];
            const walked = await walk(page, readouts, 16, storyLength(name));
            problems.push(...walked.map((p) => `${name} ${p}`));
          }
          await page.context().close();
          return problems;
        }),
      );
      expect(found.flat()).toEqual([]);
    }, 600_000);
  }

  it('code is 20 px or more at 1920×1080', async () => {
    const page = await openAt({ width: 1920, height: 1080 }, '?lecture=1', presetHash('two-vcpus'));
    await page.locator('.step-badge').first().click();
    expect(await walk(page, ['busy-0', 'busy-1', 'slot-1-*', 'host-current-1'], 20, 60)).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('normal mode', () => {
  it('at 1280×720 shows pages, the ve_page, host, invariants and the current code without scrolling', async () => {
    const page = await openAt({ width: 1280, height: 720 }, '', presetHash('lost-wakeup'));
    await page.locator('.step-badge').first().click();
    const readouts = [
      'page-0x2000',
      'slot-0-*',
      'bit-0-*',
      'host-current-0',
      'invariant-no-bug',
      'completion-queue-0',
    ];
    expect(await walk(page, readouts, 0, 60, false)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('at 390 px is one column without sideways scrolling', async () => {
    const page = await openAt({ width: 390, height: 844 }, '', presetHash('two-vcpus'));
    const problems = await check(page, [], 0, false);
    expect(problems).toEqual([]);
    const columns = await page.evaluate(
      () => getComputedStyle(document.querySelector('.main')!).gridTemplateColumns,
    );
    expect(columns.split(' ')).toHaveLength(1);
    await page.context().close();
  });

  it('at 390×844 every current code line is on screen while a vCPU runs the handler and the host completes', async () => {
    // The code panel docks at the foot of the phone's screen: no scrolling needed to follow the run.
    const page = await openAt({ width: 390, height: 844 }, '', presetHash('happy-user'));
    await page.locator('.step-badge').first().click();
    const problems = await walk(page, [], 0, 30, false);
    expect(problems).toEqual([]);
    // The walk went through the handler, the host completion and the guest completion.
    expect(await counter(page)).toBeGreaterThanOrEqual(22);
    await page.context().close();
  }, 120_000);

  it('a big machine (16 vCPUs × 64 entries) keeps the compact layout and no sideways scroll', async () => {
    const base = presetScenario('playground');
    const vcpu = base.config.vcpus[0]!;
    const big: Scenario = {
      ...base,
      config: { ...base.config, entries: 64, vcpus: Array.from({ length: 16 }, () => vcpu) },
    };
    const page = await openAt({ width: 1280, height: 720 }, '', hashOf(big));
    expect(await page.locator('.vcpus-many').count()).toBe(1);
    expect(await page.locator('.slots-lean').count()).toBe(16);
    expect(await check(page, ['busy-0', 'slot-0-0'], 0, false)).toEqual([]);
    await page.context().close();
  });
});

describe('embeds', () => {
  for (const viewport of [
    { width: 960, height: 600 },
    { width: 640, height: 400 },
  ]) {
    it(`?embed=1 at ${viewport.width}×${viewport.height} shows busy-0, bit-0-* and slot-0-* uncovered; &show=code adds the code`, async () => {
      const page = await openAt(viewport, '?embed=1', presetHash('happy-user'));
      expect(await walk(page, ['busy-0', 'bit-0-*', 'slot-0-*'], 0, 30)).toEqual([]);
      // Without show=code the code is not part of the picture.
      expect(await page.getByTestId('code-line-ve.vp').count()).toBe(0);
      await goTo(page, '?embed=1&show=code', presetHash('happy-user'));
      expect(await walk(page, ['busy-0', 'bit-0-*', 'slot-0-*'], 0, 30)).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});

describe('code panel', () => {
  it('strikes through the re-arms the at-entry variant never runs', async () => {
    const base = presetScenario('happy-user');
    const atEntry: Scenario = {
      ...base,
      config: { ...base.config, variant: { ...base.config.variant, reentrancyClear: 'at-entry' } },
    };
    const struck = (page: Page, label: string) =>
      page.getByTestId(`code-line-${label}`).evaluate((e) => getComputedStyle(e).textDecorationLine);
    // Every line on screen: the lines read here do not run, and the panel may fold them away.
    const whole = (page: Page) => page.getByRole('button', { name: 'Whole code' }).click();
    const page = await openAt({ width: 1280, height: 720 }, '', hashOf(atEntry));
    await whole(page);
    expect(await struck(page, 've.cc.clear')).toContain('line-through');
    expect(await struck(page, 've.sm.clear')).toContain('line-through');
    expect(await struck(page, 've.clear_entry')).not.toContain('line-through');
    await goTo(page, '', presetHash('happy-user'));
    await whole(page);
    expect(await struck(page, 've.cc.clear')).not.toContain('line-through');
    expect(await struck(page, 've.clear_entry')).toContain('line-through');
    await page.context().close();
  });
});
