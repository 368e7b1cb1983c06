/**
 * The timeline in a real browser: the spans of a known scenario, moving the step by clicking and
 * jumping, navigation by meaning, and the exports (Chrome trace, SVG, PNG).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import type { Scenario } from '../../src/engine';
import { recordRun } from '../../src/trace/recording';
import { faults, firstViolation, valueTracks } from '../../src/trace/navigation';
import { attr, openPlayground, readouts, useHarness, step, stepNumber, text } from './harness';

const harness = useHarness();

function preset(name: string): Scenario {
  const parsed = parseScenario(JSON.parse(readFileSync(`public/scenarios/${name}.json`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

async function openPreset(name: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await openPlayground(harness, encodeScenarioHash(preset(name)), viewport);
  await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor();
  return page;
}

async function waitForStep(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(want),
    n,
  );
}

async function jumpTo(page: Page, n: number): Promise<void> {
  await page.getByRole('spinbutton', { name: 'jump to step' }).fill(String(n));
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  await waitForStep(page, n);
}

describe('timeline', () => {
  it('nested-after-clear: shows every span of the run on its lane, the arrows and the outcome', async () => {
    const rec = recordRun(preset('nested-after-clear'));
    const page = await openPreset('nested-after-clear');
    for (const lane of ['vcpu0', 'host']) expect(await page.getByTestId(`lane-${lane}`).count()).toBe(1);
    const shown = await page.$$eval('[data-testid="timeline-span"]', (els) =>
      els.map((e) =>
        [
          e.getAttribute('data-lane'),
          e.getAttribute('data-kind'),
          e.getAttribute('data-start'),
          e.getAttribute('data-end'),
        ].join(' '),
      ),
    );
    const expected = rec.spans.map((s) => [s.lane, s.kind, s.start, s.end].join(' '));
    expect(expected.length).toBeGreaterThan(3);
    expect(new Set(shown)).toEqual(new Set(expected));
    const kinds = new Set(rec.spans.map((s) => s.kind));
    for (const k of ['ve-handler', 'suspended', 'parked', 'page-in'] as const)
      expect(kinds.has(k)).toBe(true);
    const arrows = rec.flows.reduce((n, f) => n + f.points.length - 1, 0);
    expect(await page.getByTestId('timeline-flow').count()).toBe(arrows);
    expect(await attr(page, 'timeline-outcome', 'data-outcome')).toBe(rec.outcome);
    expect(await attr(page, 'timeline-cursor', 'data-step')).toBe('0');
    await page.context().close();
  });

  it('a click on the ruler moves the current step; a jump equals stepping there', async () => {
    const page = await openPreset('nested-after-clear');
    const ruler = page.getByTestId('timeline-ruler');
    const box = (await ruler.boundingBox())!;
    await ruler.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent !== '0',
    );
    const clicked = await stepNumber(page);
    const steps = recordRun(preset('nested-after-clear')).steps;
    expect(Math.abs(clicked - steps / 2)).toBeLessThanOrEqual(1);
    expect(await attr(page, 'timeline-cursor', 'data-step')).toBe(String(clicked));

    // Stepping from 0 with the Step button, against a jump to the same step.
    const stepped = await openPreset('nested-after-clear');
    let at = 0;
    for (let k = 0; k < 12; k++) at = await step(stepped);
    await jumpTo(page, at);
    expect(await readouts(page)).toEqual(await readouts(stepped));
    // Back from a jump is one Step earlier.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await stepped.getByRole('button', { name: 'Back', exact: true }).click();
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid="step-counter"]')?.textContent !== b,
      String(at),
    );
    await stepped.waitForFunction(
      (b) => document.querySelector('[data-testid="step-counter"]')?.textContent !== b,
      String(at),
    );
    expect(await readouts(page)).toEqual(await readouts(stepped));
    await page.context().close();
    await stepped.context().close();
  });

  it('lost-wakeup: first break, next fault and the changes of the busy word', async () => {
    const rec = recordRun(preset('lost-wakeup'));
    const page = await openPreset('lost-wakeup');
    const first = firstViolation(rec)!;
    expect(first).not.toBeNull();
    await page.getByRole('button', { name: 'First break' }).click();
    await waitForStep(page, first);
    expect(await page.locator('[data-testid^="invariant-"][data-broken="true"]').count()).toBeGreaterThan(0);
    expect(await attr(page, 'invariant-no-lost-wakeup', 'data-broken')).toBe('true');

    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitForStep(page, 0);
    const list = faults(rec);
    await page.getByRole('button', { name: 'Next fault' }).click();
    await waitForStep(page, list[0]!.step);
    expect(await text(page, `busy-${list[0]!.vcpu}`)).toBe('0xFFFFFFFF');

    const busy = valueTracks(rec).find((t) => t.id === 'busy:0')!;
    await page.getByRole('combobox', { name: 'value to follow' }).selectOption('busy:0');
    await page.getByRole('button', { name: 'Next change' }).click();
    const next = busy.steps.find((s) => s > list[0]!.step)!;
    await waitForStep(page, next);
    expect(await attr(page, 'nav-value', 'data-value')).toBe(await text(page, 'busy-0'));
    await page.getByRole('button', { name: 'Previous change' }).click();
    const prev = [...busy.steps].reverse().find((s) => s < next && s > 0)!;
    await waitForStep(page, prev);

    const slot = 'slot:0:0';
    await page.getByRole('combobox', { name: 'value to follow' }).selectOption(slot);
    const slotTrack = valueTracks(rec).find((t) => t.id === slot)!;
    await page.getByRole('button', { name: 'Next change' }).click();
    const slotNext = slotTrack.steps.find((s) => s > prev)!;
    await waitForStep(page, slotNext);
    expect(await attr(page, 'slot-0-0', 'data-state')).toBe(await attr(page, 'nav-value', 'data-value'));
    await page.context().close();
  });

  it('exports the run as a Chrome trace, and the view as SVG and PNG', async () => {
    const page = await openPreset('nested-after-clear');
    const [traceDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export trace' }).click(),
    ]);
    expect(traceDl.suggestedFilename()).toMatch(/\.trace\.json$/);
    const trace = JSON.parse(readFileSync((await traceDl.path())!, 'utf8')) as {
      traceEvents: { name: string; ph: string; args?: { name?: string } }[];
    };
    const threads = trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => e.args?.name);
    expect(threads).toContain('vCPU 0');
    expect(threads).toContain('host');
    expect(trace.traceEvents.some((e) => e.ph === 'X')).toBe(true);

    const [svgDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<svg');
    expect(svg).toContain('#VE handler 0x2000');
    expect(svg).not.toContain('var(--');

    const [pngDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const png = readFileSync((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5000);
    await page.context().close();
  });
});
