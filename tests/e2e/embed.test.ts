/**
 * Embedding: playgrounds mounted in a page of one's own (embed-example.html, one bundle); ?embed=1
 * is chrome-less in an iframe, and its postMessage API loads, seeks, plays, pauses and reports.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../src/engine';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { useHarness } from './harness';

function preset(name: string): Scenario {
  const parsed = parseScenario(
    JSON.parse(readFileSync(join(import.meta.dirname, `../../public/scenarios/${name}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}
const happy = preset('happy-user');

const harness = useHarness();

async function examplePage(): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript(() => {
    const got: unknown[] = [];
    (window as unknown as { __got: unknown[] }).__got = got;
    window.addEventListener('message', (e) => got.push(e.data));
  });
  await page.goto(`${harness.url}embed-example.html`);
  // Both embeds said ready, were told to load their preset, and reported it back.
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('[data-report]')].every((o) => o.dataset.preset),
  );
  return page;
}

function frameOf(page: Page, id: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(`id=${id}`));
  if (!frame) throw new Error(`no frame ${id}`);
  return frame;
}

/**
 * Sends `message` to the embed `id` with a request number and resolves with its answer (the
 * `ack` or `error` naming that request). Every message the page receives is kept in `__got`.
 */
async function call(page: Page, id: string, message: Record<string, unknown>): Promise<unknown> {
  return page.evaluate(
    ([which, msg]) => {
      type Got = { type: string; id: string; request?: number };
      const w = window as unknown as { __got?: Got[]; __next?: number };
      const frame = frameWindow(which);
      const request = (w.__next = (w.__next ?? 0) + 1);
      return new Promise((resolve) => {
        const listener = (e: MessageEvent) => {
          const data = e.data as Got;
          if (e.source !== frame || data?.request !== request) return;
          window.removeEventListener('message', listener);
          resolve(data);
        };
        window.addEventListener('message', listener);
        frame.postMessage({ ...msg, request }, '*');
      });
      function frameWindow(name: string): Window {
        const el = document.querySelector<HTMLIFrameElement>(`figure[data-embed="${name}"] iframe`);
        if (!el?.contentWindow) throw new Error(`no embed ${name}`);
        return el.contentWindow;
      }
    },
    [id, message] as const,
  );
}

/** Waits for a state report of embed `id` matching `want` (kept in `__got`). */
async function waitState(page: Page, id: string, want: Record<string, unknown>): Promise<void> {
  await page.waitForFunction(
    ([which, fields]) =>
      (window as unknown as { __got?: Record<string, unknown>[] }).__got?.some(
        (m) =>
          m.type === 've-playground:state' &&
          m.id === which &&
          Object.entries(fields).every(([k, v]) => m[k] === v),
      ) ?? false,
    [id, want] as const,
  );
}

const reported = (page: Page, id: string) =>
  page.locator(`figure[data-embed="${id}"] [data-report]`).getAttribute('data-step');

async function waitReported(page: Page, id: string, step: number): Promise<void> {
  await page.waitForFunction(
    ([which, want]) =>
      document.querySelector<HTMLElement>(`figure[data-embed="${which}"] [data-report]`)?.dataset.step ===
      String(want),
    [id, step] as const,
  );
}

describe('embedding', () => {
  it('the example page holds two independent playgrounds in one page: one bundle, no iframe', async () => {
    const page = await examplePage();
    const pair = page.locator('#in-page');
    expect(await pair.locator('iframe').count()).toBe(0);
    const [left, right] = [0, 1].map((i) => pair.locator('[data-playground]').nth(i));
    await left.getByTestId('vcpu-1').waitFor();
    await right.getByTestId('vcpu-0').waitFor();
    // Each opened the scenario file its element names.
    await left.locator('.scenario-title', { hasText: preset('two-vcpus').title ?? '' }).waitFor();
    await right.locator('.scenario-title', { hasText: preset('bug-on-despite-check').title ?? '' }).waitFor();
    // One module script for the page: both playgrounds come from the same bundle.
    expect(await page.locator('script[type="module"]').count()).toBe(1);

    // A step in one; the other stays at step 0.
    await left.getByRole('button', { name: 'Step', exact: true }).click();
    await left.getByTestId('step-counter').getByText('1').waitFor();
    expect(await left.getByTestId('vcpu-0').getAttribute('data-state')).toBe('in-ve-handler');
    expect(await right.getByTestId('step-counter').textContent()).toBe('0');
    expect(await right.getByTestId('vcpu-0').getAttribute('data-state')).toBe('running');
    // Keys go to the one with focus.
    await right.getByTestId('vcpu-0').click();
    await page.keyboard.press('ArrowRight');
    await right.getByTestId('step-counter').getByText('1').waitFor();
    expect(await left.getByTestId('step-counter').textContent()).toBe('1');
    // The page's address is left alone by both.
    expect(new URL(page.url()).hash).toBe('');
    await page.context().close();
  });

  it('the example page drives an iframe embed by postMessage', async () => {
    const page = await examplePage();
    expect(await page.locator('figure[data-embed="frame"] [data-report]').getAttribute('data-preset')).toBe(
      'nested-before-clear',
    );
    const frame = frameOf(page, 'frame');
    // Chrome-less: no page header actions or title; the machine and the caption are there.
    expect(await frame.locator('.top-actions').isVisible()).toBe(false);
    expect(await frame.locator('.scenario-title').isVisible()).toBe(false);
    expect(await frame.getByTestId('vcpu-0').isVisible()).toBe(true);
    expect(await frame.getByTestId('step-explanation').isVisible()).toBe(true);

    // Go to a step.
    await page.locator('figure[data-embed="frame"] button[data-cmd="seek"]').click();
    await waitReported(page, 'frame', 6);
    expect(await frame.getByTestId('step-counter').textContent()).toBe('6');
    expect(await frame.getByTestId('vcpu-0').getAttribute('data-state')).toBe('suspended');

    // Step and back.
    await page.locator('figure[data-embed="frame"] button[data-cmd="step"]').click();
    await waitReported(page, 'frame', 7);
    await page.locator('figure[data-embed="frame"] button[data-cmd="back"]').click();
    await waitReported(page, 'frame', 6);

    // Play, then pause: the reports follow.
    await page.locator('figure[data-embed="frame"] button[data-cmd="play"]').click();
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector<HTMLElement>('figure[data-embed="frame"] [data-report]')?.dataset.step,
        ) >= 8,
    );
    await page.locator('figure[data-embed="frame"] button[data-cmd="pause"]').click();
    await page.waitForFunction(
      () =>
        !document.querySelector('figure[data-embed="frame"] [data-report]')?.textContent?.includes('playing'),
    );
    // Paused: the report says so, and the embed shows the step it reported.
    const stopped = await reported(page, 'frame');
    expect(await call(page, 'frame', { type: 've-playground:get' })).toMatchObject({
      type: 've-playground:ack',
    });
    expect(await frame.getByTestId('step-counter').textContent()).toBe(stopped);

    // Reset: back to step 0.
    await page.locator('figure[data-embed="frame"] button[data-cmd="reset"]').click();
    await waitReported(page, 'frame', 0);
    await page.context().close();
  });

  it('load by url and by scenario object; a bad load is refused and reported', async () => {
    const page = await examplePage();
    const left = frameOf(page, 'frame');
    const link = `https://example.org/${encodeScenarioHash(happy, 5)}`;
    const newer = await call(page, 'frame', {
      type: 've-playground:load',
      scenario: { format: 've-playground/scenario', version: 9 },
    });
    expect(newer).toMatchObject({
      type: 've-playground:error',
      id: 'frame',
      message: expect.stringContaining('newer release of VE Playground'),
    });
    expect(await call(page, 'frame', { type: 've-playground:nonsense' })).toMatchObject({
      type: 've-playground:error',
      message: expect.stringContaining('unknown or malformed command'),
    });
    expect(await call(page, 'frame', { type: 've-playground:load', url: link })).toMatchObject({
      type: 've-playground:ack',
    });
    await waitState(page, 'frame', { step: 5, title: happy.title, preset: 'happy-user' });
    expect(
      await call(page, 'frame', { type: 've-playground:load', preset: 'two-vcpus', at: 3 }),
    ).toMatchObject({
      type: 've-playground:ack',
    });
    await waitState(page, 'frame', { step: 3, preset: 'two-vcpus' });
    expect(await left.getByTestId('step-counter').textContent()).toBe('3');
    expect(await left.getByTestId('error').count()).toBe(0);
    await page.context().close();
  });

  it('embed commands obey the same checks as the buttons', async () => {
    const page = await examplePage();
    // A run that has stopped refuses Step, as its disabled button does.
    expect(
      await call(page, 'frame', { type: 've-playground:load', preset: 'bug-on', at: 500 }),
    ).toMatchObject({
      type: 've-playground:ack',
    });
    await page.waitForFunction(() =>
      Boolean(
        document
          .querySelector<HTMLElement>('figure[data-embed="frame"] [data-report]')
          ?.textContent?.includes('·'),
      ),
    );
    expect(await call(page, 'frame', { type: 've-playground:step' })).toMatchObject({
      type: 've-playground:error',
      message: expect.stringContaining('the run has stopped'),
    });
    await page.context().close();
  });

  it('a scenario larger than a link may carry is refused at once, and the run goes on', async () => {
    const page = await examplePage();
    // Built in the page: 100 000 actions, several MiB as JSON.
    const answer = await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>(
        'figure[data-embed="frame"] iframe',
      )?.contentWindow;
      if (!frame) throw new Error('no embed');
      const scenario = {
        format: 've-playground/scenario',
        version: 1,
        config: { vcpus: [{ tasks: [{ name: 'app' }] }] },
        actions: Array.from({ length: 100_000 }, (_, i) => ({
          at: i,
          type: 'access',
          vcpu: 0,
          gpa: '0x2000',
        })),
      };
      return new Promise((resolve) => {
        window.addEventListener('message', (e) => {
          if (e.source === frame && (e.data as { request?: string }).request === 'huge') resolve(e.data);
        });
        frame.postMessage({ type: 've-playground:load', scenario, request: 'huge' }, '*');
      });
    });
    expect(answer).toMatchObject({
      type: 've-playground:error',
      message: expect.stringContaining('too large'),
    });
    expect(await page.locator('figure[data-embed="frame"] [data-report]').getAttribute('data-preset')).toBe(
      'nested-before-clear',
    );
    expect(await call(page, 'frame', { type: 've-playground:step' })).toMatchObject({
      type: 've-playground:ack',
    });
    await waitReported(page, 'frame', 1);
    await page.context().close();
  });

  it('with &origin= the embed obeys only the origins named, and answers only the sender', async () => {
    const page = await examplePage();
    const origin = new URL(harness.url).origin;
    await page.evaluate(
      ([allowed]) => {
        for (const [id, list] of [
          ['ok', allowed],
          ['no', 'https://slides.example'],
        ]) {
          const fig = document.createElement('figure');
          fig.dataset.embed = id;
          const out = document.createElement('output');
          out.dataset.report = '';
          const frame = document.createElement('iframe');
          frame.src = `./index.html?embed=1&id=${id}&origin=${encodeURIComponent(list)}`;
          fig.append(out, frame);
          document.body.append(fig);
        }
      },
      [origin],
    );
    // "ready" goes to the origins named: the allowed embed says it, the other one does not tell us.
    await page.waitForFunction(() =>
      (window as unknown as { __got?: { type: string; id: string }[] }).__got?.some(
        (m) => m.type === 've-playground:ready' && m.id === 'ok',
      ),
    );
    await frameOf(page, 'no').getByTestId('vcpu-0').waitFor();
    expect(await call(page, 'ok', { type: 've-playground:load', preset: 'happy-user' })).toMatchObject({
      type: 've-playground:ack',
      id: 'ok',
    });
    expect(await call(page, 'no', { type: 've-playground:load', preset: 'happy-user' })).toMatchObject({
      type: 've-playground:error',
      message: expect.stringContaining('not accepted'),
    });
    await waitState(page, 'ok', { preset: 'happy-user' });
    expect(await frameOf(page, 'no').locator('.scenario-title').textContent()).not.toBe(happy.title);
    expect(await frameOf(page, 'no').getByTestId('step-counter').textContent()).toBe('0');
    // No state report of the refused embed reached this page.
    const fromNo = await page.evaluate(() =>
      (window as unknown as { __got: { type: string; id: string }[] }).__got.filter(
        (m) => m.id === 'no' && m.type === 've-playground:state',
      ),
    );
    expect(fromNo).toEqual([]);
    await page.context().close();
  });

  it('?embed=1 without a parent is a plain chrome-less playground', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 800, height: 450 } });
    const page = await context.newPage();
    await page.goto(`${harness.url}?embed=1`);
    await page.getByTestId('vcpu-0').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.embed)).toBe('true');
    expect(await page.locator('.top-actions').isVisible()).toBe(false);
    await page.getByTestId('page-0x2000').click();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '1',
    );
    // The address bar is left alone in an embed.
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });
});
