/** Scenarios from the URL, the manual scheduler, refused input and a crashed worker. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seededRandom, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share/schema';
import { encodeScenarioHash } from '../../src/share/url';
import { attr, openPlayground, readouts, useHarness, step, stepNumber, stepUntil, text } from './harness';

const harness = useHarness();

function scenario(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

const manual = scenario({
  format: 've-playground/scenario',
  version: 1,
  title: 'Manual scheduler',
  config: {
    scheduler: 'manual',
    vcpus: [
      {
        tasks: [
          { name: 'app', mode: 'user' },
          { name: 'kworker', mode: 'kernel' },
        ],
      },
    ],
    pages: [{ gpa: '0x2000', backing: 'swapped', latency: 1 }],
  },
  actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
});

describe('playground edges', () => {
  it('runs the manual scheduler with one button per actor', async () => {
    const page = await openPlayground(harness, encodeScenarioHash(manual));
    const runVcpu = page.getByRole('button', { name: 'Run vcpu0', exact: true });
    const runHost = page.getByRole('button', { name: 'Run host', exact: true });
    expect(await runVcpu.isEnabled()).toBe(true);
    expect(await runHost.isDisabled()).toBe(true);
    // vCPU 0 takes the #VE and parks its task; then only the host can move the run on.
    for (let n = 0; n < 40 && (await runVcpu.isEnabled()); n++) {
      const before = await stepNumber(page);
      await runVcpu.click();
      await page.waitForFunction(
        (b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > b,
        before,
      );
    }
    expect(await attr(page, 'task-0-app', 'data-status')).toBe('parked');
    expect(await runVcpu.isDisabled()).toBe(true);
    // hc.read, then hc.write: the host writes RESOLVED into the slot.
    for (const expected of ['CAN_CONTINUE', 'RESOLVED']) {
      await page.waitForFunction(() => {
        const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Run host');
        return b !== undefined && !b.disabled;
      });
      const before = await stepNumber(page);
      await runHost.click();
      await page.waitForFunction(
        (b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > b,
        before,
      );
      expect(await attr(page, 'slot-0-0', 'data-state')).toBe(expected);
    }
    // Every button press was recorded as a pick: Back and Step replay the same choices.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="slot-0-0"]')?.getAttribute('data-state') === 'CAN_CONTINUE',
    );
    await step(page);
    expect(await attr(page, 'slot-0-0', 'data-state')).toBe('RESOLVED');
    await page.context().close();
  });

  it('recovers from a worker crash at the same step, with the clicks kept', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    for (let n = 0; n < 5; n++) await step(page);
    const at = await stepNumber(page);
    const state = await attr(page, 'vcpu-0', 'data-state');
    await page.evaluate(() => window.__vePlayground?.crashWorker());
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toMatch(/crash/i);
    await page.getByRole('button', { name: 'Restart worker' }).click();
    await page.getByTestId('error').waitFor({ state: 'detached' });
    expect(await stepNumber(page)).toBe(at);
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe(state);
    await stepUntil(page, async () => (await attr(page, 'slot-0-0', 'data-state')) === 'CAN_CONTINUE', 20);
    await page.context().close();
  });

  it('faults at seeded random points: after each Restart the run is the one without the crash', async () => {
    /** What the store holds once the worker answered: scenario (clicks included), step, snapshot. */
    const held = (page: Page) =>
      page.evaluate(() => {
        const s = window.__vePlayground!.state();
        return JSON.stringify({ actions: s.scenario?.actions, step: s.step, snapshot: s.snapshot });
      });
    /** Does one user action and waits until the store shows its effect. */
    const act = async (page: Page, action: string) => {
      const before = await held(page);
      if (action === 'step') await page.getByRole('button', { name: 'Step', exact: true }).click();
      else if (action === 'back') await page.getByRole('button', { name: 'Back', exact: true }).click();
      else await page.getByTestId(action).click();
      await page.waitForFunction((b) => {
        const s = window.__vePlayground!.state();
        return JSON.stringify({ actions: s.scenario?.actions, step: s.step, snapshot: s.snapshot }) !== b;
      }, before);
    };
    // Every action changes what the store holds: a click adds an action, Back follows a Step.
    const rnd = seededRandom(20200408);
    const plan: string[] = ['page-0x2000'];
    let steps = 0;
    for (let i = 0; i < 14; i++) {
      const r = rnd();
      if (r < 0.5 || steps === 0) {
        plan.push('step');
        steps++;
      } else if (r < 0.75) {
        plan.push('back');
        steps--;
      } else plan.push(rnd() < 0.5 ? 'page-0x3000' : 'page-0x6000');
    }
    const crashAfter = new Set([2 + Math.floor(rnd() * 5), 8 + Math.floor(rnd() * 6)]);
    const plain = await openPlayground(harness);
    const faulty = await openPlayground(harness);
    for (const [i, action] of plan.entries()) {
      await act(plain, action);
      await act(faulty, action);
      if (crashAfter.has(i)) {
        await faulty.evaluate(() => window.__vePlayground?.crashWorker());
        await faulty.getByTestId('error').waitFor();
        await faulty.getByRole('button', { name: 'Restart worker' }).click();
        await faulty.getByTestId('error').waitFor({ state: 'detached' });
      }
      expect(await held(faulty), `after ${action} (#${i})`).toBe(await held(plain));
    }
    expect(await readouts(faulty)).toEqual(await readouts(plain));
    await plain.context().close();
    await faulty.context().close();
  });

  it('a link to step 999 999 999 with an action there answers at once (idle stretches are skipped)', async () => {
    const late = scenario({
      format: 've-playground/scenario',
      version: 1,
      config: {
        vcpus: [{ tasks: [{ name: 'app', mode: 'user' }] }],
        pages: [{ gpa: '0x2000', backing: 'swapped', latency: 1 }],
      },
      actions: [
        { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
        { at: 999_999_999, type: 'access', vcpu: 0, gpa: '0x2000' },
      ],
    });
    const page = await openPlayground(harness, encodeScenarioHash(late, 999_999_999));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '999999999',
    );
    // Step takes the late fault; the run goes on to its end.
    await step(page);
    expect(await stepNumber(page)).toBeGreaterThan(999_999_999);
    await page.context().close();
  });

  it('a mangled URL shows an error and a working default playground', async () => {
    const page = await openPlayground(harness, '#s=N4Ig%%%this-is-not-a-scenario&at=3');
    await page.getByTestId('error').waitFor();
    expect((await text(page, 'error')).length).toBeGreaterThan(10);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    await page.context().close();
  });
});
