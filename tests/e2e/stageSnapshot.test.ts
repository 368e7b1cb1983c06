/**
 * The stage (issue 10 items 1 and 9): the flow strip places each actor on guest → VE info →
 * ve_page → host → back, the move layer draws what the last step moved (d3 transitions, instant
 * under reduced motion), and committed snapshots of the stage for three presets catch any change
 * (UPDATE_SNAPSHOTS=1 rewrites them).
 */
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, useHarness } from './harness';
import { counter, presetHash } from './stagePresets';
import { matchSnapshot, stageMarkup } from './stageSnapshot';

const harness = useHarness();

async function open(preset: string, reducedMotion: 'reduce' | 'no-preference' = 'reduce'): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${harness.url}${presetHash(preset)}`);
  await page.getByTestId('vcpu-0').waitFor();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  return page;
}

/** Steps with → until the counter reaches `target`, then waits for the move layer to draw it. */
async function stepTo(page: Page, target: number): Promise<void> {
  while ((await counter(page)) < target) {
    const before = await counter(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) !== b,
      before,
    );
  }
  expect(await counter(page)).toBe(target);
  await movesDrawn(page, target);
}

/** Waits until the move layer has drawn the moves of step `step`. */
function movesDrawn(page: Page, step: number) {
  return page.waitForFunction(
    (t) => document.querySelector('[data-testid="stage-moves"]')?.getAttribute('data-step') === String(t),
    step,
  );
}

const stripStage = (page: Page, actor: string) =>
  page.locator(`[data-testid="flow-strip"] .flow-marker[data-actor="${actor}"]`).getAttribute('data-stage');

const moves = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="stage-moves"] g.move')].map(
      (g) => `${g.getAttribute('data-kind')} ${g.getAttribute('data-from')} → ${g.getAttribute('data-to')}`,
    ),
  );

describe('the stage', () => {
  it('moves vCPU 0 along the flow and draws each step’s move between the readouts', async () => {
    const page = await open('happy-user');
    expect(await stripStage(page, 'vcpu0')).toBe('guest');
    await stepTo(page, 2); // hw.ve: the CPU writes the VE information
    expect(await stripStage(page, 'vcpu0')).toBe('ve-info');
    expect(await page.locator('[data-flow-stage="ve-info"]').getAttribute('data-hot')).toBe('true');
    expect(await moves(page)).toEqual([
      'hw.ve [data-testid="page-0x2000"] → [data-testid="vcpu-0"] :is(.ve-info, .ve-info-fold)',
    ]);
    await stepTo(page, 7); // copy_ve_info: VE info → info[0]
    expect(await stripStage(page, 'vcpu0')).toBe('ve-page');
    expect(await moves(page)).toEqual([
      've.copy [data-testid="vcpu-0"] :is(.ve-info, .ve-info-fold) → [data-testid="slot-0-0"]',
    ]);
    await stepTo(page, 11); // hypercall_ve(): info[0] → host
    expect(await moves(page)).toEqual(['ve.cc.hypercall [data-testid="slot-0-0"] → section.host']);
    await stepTo(page, 19); // the host writes host_current
    expect(await stripStage(page, 'host')).toBe('back');
    expect(await moves(page)).toEqual([
      'inj.host_current [data-testid="completion-queue-0"] → [data-testid="host-current-0"]',
    ]);
    await stepTo(page, 22); // the wake: info[0] → the parked task
    expect(await moves(page)).toEqual(['gc.wake [data-testid="slot-0-0"] → [data-testid="task-0-app"]']);
    // The arrow ends on the task's card: its head is inside the card's box.
    const inside = await page.evaluate(() => {
      const layer = document.querySelector('[data-testid="stage-moves"]')!.getBoundingClientRect();
      const head = document.querySelector('[data-testid="stage-moves"] path.move-head')!.getAttribute('d')!;
      const [x, y] = head.slice(1).split('L')[0]!.split(',').map(Number) as [number, number];
      const card = document.querySelector('[data-testid="task-0-app"]')!.getBoundingClientRect();
      const px = layer.left + x;
      const py = layer.top + y;
      return px >= card.left - 1 && px <= card.right + 1 && py >= card.top - 1 && py <= card.bottom + 1;
    });
    expect(inside).toBe(true);
    await page.context().close();
  });

  it('a token travels the move with motion, and has arrived (hidden) at once under reduced motion', async () => {
    const moving = await open('happy-user', 'no-preference');
    // Every token that starts travelling is recorded: the check does not race the transition.
    await moving.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { travels: string[] }).travels = seen;
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          if (r.attributeName === 'data-travelling' && el.hasAttribute('data-travelling'))
            seen.push(el.parentElement?.getAttribute('data-kind') ?? '?');
        }
      }).observe(document.querySelector('[data-testid="stage-moves"]')!, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-travelling'],
      });
    });
    await moving.keyboard.press('ArrowRight');
    await moving.keyboard.press('ArrowRight');
    // The d3 transition: the hw.ve token set off, then arrived (the mark is removed at its end).
    await moving.waitForFunction(() =>
      (window as unknown as { travels: string[] }).travels.includes('hw.ve'),
    );
    await moving.waitForFunction(
      () => document.querySelector('[data-testid="stage-moves"] circle.move-token[data-travelling]') === null,
    );
    await moving.context().close();

    const still = await open('happy-user', 'reduce');
    await stepTo(still, 2);
    const token = await still.evaluate(() => {
      const g = document.querySelector('[data-testid="stage-moves"] g.move')!;
      const [x, y] = g.querySelector('path.move-head')!.getAttribute('d')!.slice(1).split('L')[0]!.split(',');
      return {
        travelling: g.querySelector('circle')!.hasAttribute('data-travelling'),
        atEnd: g.querySelector('circle')!.getAttribute('transform') === `translate(${x},${y})`,
        // Arrived tokens hide: the readout the arrow points at stays legible.
        hidden: g.querySelector('circle')!.getAttribute('opacity') === '0',
      };
    });
    expect(token).toEqual({ travelling: false, atEnd: true, hidden: true });
    await still.context().close();
  });

  it('a flow marker glides to its new box with motion, and jumps there under reduced motion', async () => {
    const marker = '[data-testid="flow-strip"] .flow-marker[data-actor="vcpu0"]';
    // The transitions the marker runs, recorded as they start: the check does not race their end.
    const recordTransitions = (page: Page) =>
      page.evaluate((selector) => {
        const seen: string[] = [];
        (window as unknown as { glides: string[] }).glides = seen;
        document.querySelector(selector)!.addEventListener('transitionrun', (e) => {
          seen.push((e as TransitionEvent).propertyName);
        });
      }, marker);
    const glides = (page: Page) => page.evaluate(() => (window as unknown as { glides: string[] }).glides);

    const moving = await open('happy-user', 'no-preference');
    await recordTransitions(moving);
    await stepTo(moving, 2); // guest → VE info
    await moving.waitForFunction(() =>
      (window as unknown as { glides: string[] }).glides.includes('transform'),
    );
    await moving.context().close();

    const still = await open('happy-user', 'reduce');
    await recordTransitions(still);
    await stepTo(still, 2);
    expect(await stripStage(still, 'vcpu0')).toBe('ve-info');
    expect(await glides(still)).toEqual([]);
    await still.context().close();
  });

  it('the move layer hides nothing from clicks', async () => {
    const page = await open('happy-user');
    await stepTo(page, 2);
    expect(await page.getByTestId('stage-moves').evaluate((e) => getComputedStyle(e).pointerEvents)).toBe(
      'none',
    );
    await page.getByTestId('vcpu-0').click();
    await page.context().close();
  });
});

/** How many moves' words are on screen, and the page's text they overlap (more than a pixel's graze), as "words: text". */
const wordsOverText = (page: Page) =>
  page.evaluate(() => {
    const layer = document.querySelector('[data-testid="stage-moves"]')!;
    const texts: { text: string; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim() || layer.contains(n)) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) texts.push({ text: n.textContent.trim(), r });
    }
    const out: string[] = [];
    let words = 0;
    for (const w of layer.querySelectorAll('text.move-words')) {
      const b = w.getBoundingClientRect();
      // Below the fold nobody reads them; they are placed again when the page scrolls.
      if (b.top < 0 || b.left < 0 || b.bottom > innerHeight || b.right > innerWidth) continue;
      words++;
      for (const { text, r } of texts)
        if (r.left < b.right - 2 && b.left + 2 < r.right && r.top < b.bottom - 2 && b.top + 2 < r.bottom)
          out.push(`${w.textContent}: ${text}`);
    }
    return { words, over: out };
  });

describe("a move's words", () => {
  for (const [query, width, height, preset, step] of [
    ['', 1280, 720, 'lost-wakeup', 35],
    ['?lecture=1', 1024, 768, 'lost-wakeup', 35],
    ['?lecture=1', 1280, 720, 'lost-wakeup', 35],
    ['', 1024, 768, 'happy-user', 7],
    ['', 1280, 720, 'happy-user', 11],
    ['?lecture=1', 1280, 720, 'happy-user', 22],
    ['', 1920, 1080, 'nested-before-clear', 6],
    // A short arrow between two dense panels: room only to one side of it.
    ['?lecture=1', 1280, 720, 'bug-on-despite-check', 30],
    ['', 1280, 720, 'bug-on', 26],
    ['', 1280, 720, 'two-vcpus', 25],
    ['', 1280, 720, 'flag-cleared-by-nested', 63],
    ['?lecture=1', 1280, 720, 'two-vcpus', 33],
  ] as const)
    it(`cover no text of the page: ${preset} at step ${step}, ${query || 'normal'} at ${width}×${height}`, async () => {
      const context = await harness.browser.newContext({
        viewport: { width, height },
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await page.goto(`${harness.url}${query}${presetHash(preset)}&at=${step}`);
      await movesDrawn(page, step);
      // A redraw the layout asked for (fonts, the code panel's fold) comes within two frames.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const { words, over } = await wordsOverText(page);
      expect(words).toBeGreaterThan(0);
      expect(over).toEqual([]);
      await context.close();
    });
});

describe('stage snapshots', () => {
  for (const [preset, step, what] of [
    ['happy-user', 7, 'copy_ve_info: VE info → info[0]'],
    ['lost-wakeup', 35, 'the second host_current = idx before the guest read the first'],
    ['nested-before-clear', 6, 'a nested access on a set busy word: a VM exit to the host'],
  ] as const) {
    it(`${preset} at step ${step} (${what})`, async () => {
      const page = await open(preset);
      await stepTo(page, step);
      const actual = await stageMarkup(page);
      const name = `stage-${preset}-${step}`;
      const { expected } = matchSnapshot(name, actual);
      expect(actual).toBe(expected);
      const stale = `${import.meta.dirname}/__snapshots__/${name}.actual.html`;
      if (existsSync(stale)) unlinkSync(stale);
      await page.context().close();
    });
  }
});

// Screenshots are for people to look at (`npm run screenshots`), not a check CI needs: 16 pages.
describe.runIf(process.env.VE_SCREENSHOTS === '1')('stage screenshots', () => {
  it('shows lost-wakeup at its climax in normal and lecture mode at three sizes, light and dark, on a phone and in an embed', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shots: { name: string; query: string; width: number; height: number; dark: boolean }[] = [];
    for (const [mode, query] of [
      ['normal', ''],
      ['lecture', '?lecture=1'],
    ] as const)
      for (const [width, height] of [
        [1024, 768],
        [1280, 720],
        [1920, 1080],
      ] as const)
        for (const dark of [false, true]) shots.push({ name: mode, query, width, height, dark });
    shots.push({ name: 'phone', query: '', width: 390, height: 844, dark: false });
    shots.push({ name: 'embed', query: '?embed=1', width: 960, height: 600, dark: true });
    for (const shot of shots) {
      const context = await harness.browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: shot.dark ? 'dark' : 'light',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      // Opened at the step itself (`&at=`): host_current = 1 has just been written.
      await page.goto(`${harness.url}${shot.query}${presetHash('lost-wakeup')}&at=35`);
      await page.getByTestId('vcpu-0').waitFor();
      await movesDrawn(page, 35);
      // What the picture is about is in it: the arrow to host_current and both ends of it.
      expect(await moves(page)).toEqual([
        'inj.host_current [data-testid="completion-queue-0"] → [data-testid="host-current-0"]',
      ]);
      const scheme = shot.dark ? 'dark' : 'light';
      await page.screenshot({
        path: join(SCREENSHOTS, `stage-${shot.name}-${shot.width}x${shot.height}-${scheme}.png`),
      });
      await context.close();
    }
  }, 240_000);
});
