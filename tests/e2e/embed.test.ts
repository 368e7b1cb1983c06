/** Embedding: ?embed=1 is chrome-less; the postMessage API loads, seeks, plays, pauses and reports. */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { useHarness } from './harness';

const happyParsed = parseScenario(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios/happy-user.json'), 'utf8')),
);
if (!happyParsed.ok) throw new Error(happyParsed.message);
const happy = happyParsed.scenario;

const harness = useHarness();

async function examplePage(): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
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
  it('the example page holds two independent embeds driven by postMessage', async () => {
    const page = await examplePage();
    expect(await page.locator('figure[data-embed="left"] [data-report]').getAttribute('data-preset')).toBe(
      'nested-before-clear',
    );
    expect(await page.locator('figure[data-embed="right"] [data-report]').getAttribute('data-preset')).toBe(
      'bug-on-despite-check',
    );
    const left = frameOf(page, 'left');
    const right = frameOf(page, 'right');
    // Chrome-less: no page header actions or title; the machine and the caption are there.
    expect(await left.locator('.top-actions').isVisible()).toBe(false);
    expect(await left.locator('.scenario-title').isVisible()).toBe(false);
    expect(await left.getByTestId('vcpu-0').isVisible()).toBe(true);
    expect(await left.getByTestId('step-explanation').isVisible()).toBe(true);

    // Go to a step in one; the other stays where it was.
    await page.locator('figure[data-embed="left"] button[data-cmd="seek"]').click();
    await waitReported(page, 'left', 6);
    expect(await left.getByTestId('step-counter').textContent()).toBe('6');
    expect(await left.getByTestId('vcpu-0').getAttribute('data-state')).toBe('suspended');
    expect(await reported(page, 'right')).toBe('0');
    expect(await right.getByTestId('step-counter').textContent()).toBe('0');

    // Step and back.
    await page.locator('figure[data-embed="right"] button[data-cmd="step"]').click();
    await waitReported(page, 'right', 1);
    await page.locator('figure[data-embed="right"] button[data-cmd="back"]').click();
    await waitReported(page, 'right', 0);

    // Play, then pause: the reports follow.
    await page.locator('figure[data-embed="right"] button[data-cmd="play"]').click();
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector<HTMLElement>('figure[data-embed="right"] [data-report]')?.dataset.step,
        ) >= 2,
    );
    await page.locator('figure[data-embed="right"] button[data-cmd="pause"]').click();
    await page.waitForFunction(
      () =>
        !document.querySelector('figure[data-embed="right"] [data-report]')?.textContent?.includes('playing'),
    );
    const stopped = await reported(page, 'right');
    await page.waitForTimeout(500);
    expect(await reported(page, 'right')).toBe(stopped);
    expect(await reported(page, 'left')).toBe('6');
    await page.context().close();
  });

  it('load by url and by scenario object; a bad load is refused and reported', async () => {
    const page = await examplePage();
    const left = frameOf(page, 'left');
    const link = `https://example.org/${encodeScenarioHash(happy, 5)}`;
    const messages = await page.evaluate(async (url) => {
      const frame = document.querySelector<HTMLIFrameElement>(
        'figure[data-embed="left"] iframe',
      )!.contentWindow!;
      const got: unknown[] = [];
      const listener = (e: MessageEvent) => {
        if (e.source === frame) got.push(e.data);
      };
      window.addEventListener('message', listener);
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      frame.postMessage(
        { type: 've-playground:load', scenario: { format: 've-playground/scenario', version: 9 } },
        '*',
      );
      await wait(300);
      frame.postMessage({ type: 've-playground:nonsense' }, '*');
      await wait(200);
      frame.postMessage({ type: 've-playground:load', url }, '*');
      await wait(600);
      frame.postMessage({ type: 've-playground:get' }, '*');
      await wait(200);
      frame.postMessage({ type: 've-playground:load', preset: 'two-vcpus', at: 3 }, '*');
      await wait(600);
      frame.postMessage({ type: 've-playground:get' }, '*');
      await wait(200);
      window.removeEventListener('message', listener);
      return got;
    }, link);
    const errors = messages.filter((m) => (m as { type: string }).type === 've-playground:error');
    expect(errors[0]).toMatchObject({
      id: 'left',
      message: expect.stringContaining('newer release of VE Playground'),
    });
    expect(errors[1]).toMatchObject({ message: expect.stringContaining('unknown or malformed command') });
    const states = messages.filter((m) => (m as { type: string }).type === 've-playground:state');
    expect(states).toContainEqual(
      expect.objectContaining({ step: 5, title: happy.title, preset: 'happy-user' }),
    );
    expect(messages.at(-1)).toMatchObject({
      type: 've-playground:state',
      id: 'left',
      step: 3,
      preset: 'two-vcpus',
    });
    expect(await left.getByTestId('step-counter').textContent()).toBe('3');
    expect(await left.getByTestId('error').count()).toBe(0);
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
