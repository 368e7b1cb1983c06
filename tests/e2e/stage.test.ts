/**
 * Every step explained and every change marked (ui-contract.md revision 2: step-explanation,
 * data-changed), in normal mode, lecture mode and embeds.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attr, text, useHarness } from './harness';
import { counter, presetHash, pressTo } from './stagePresets';

const harness = useHarness();

async function open(
  query: string,
  preset: string,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
) {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion });
  const page = await context.newPage();
  await page.goto(`${harness.url}${query}${presetHash(preset)}`);
  await page.getByTestId('vcpu-0').waitFor();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  return page;
}

/** Steps until the explanation matches; returns it. */
async function stepUntilExplained(page: Page, pattern: RegExp, max = 40): Promise<string> {
  for (let n = 0; n < max; n++) {
    const sentence = await text(page, 'step-explanation');
    if (pattern.test(sentence)) return sentence;
    await pressTo(page, 'ArrowRight', (await counter(page)) + 1);
  }
  throw new Error(`no step explained as ${pattern} within ${max} steps`);
}

describe('step-explanation', () => {
  for (const [mode, query] of [
    ['normal', ''],
    ['lecture', '?lecture=1'],
    ['embed', '?embed=1'],
  ] as const) {
    it(`is visible in ${mode} mode and says what the last step did`, async () => {
      const page = await open(query, 'happy-user');
      const explanation = page.getByTestId('step-explanation');
      expect(await explanation.isVisible()).toBe(true);
      expect(await explanation.textContent()).toContain('Nothing has run yet');
      await pressTo(page, 'ArrowRight', 1);
      expect(await explanation.isVisible()).toBe(true);
      expect(await explanation.textContent()).toContain('vCPU 0 touched 0x2000');
      await pressTo(page, 'ArrowRight', 2);
      expect(await explanation.textContent()).toContain('The CPU delivered the #VE for 0x2000 to vCPU 0');
      await page.context().close();
    });
  }

  it('gives the hardware rule for a VM exit: busy word set, or suppress-#VE', async () => {
    const nested = await open('', 'nested-before-clear');
    expect(await stepUntilExplained(nested, /VM exit/)).toContain(
      'EPT-violation VM exit: the busy word (reentrancy_protect) was set',
    );
    await nested.context().close();
    const suppress = await open('', 'suppress-ve');
    expect(await stepUntilExplained(suppress, /VM exit/)).toContain(
      "the page's EPT entry has suppress-#VE set",
    );
    await suppress.context().close();
  });

  it('says which can_continue term decided', async () => {
    const user = await open('', 'happy-user');
    expect(await stepUntilExplained(user, /decided can_continue/)).toContain('user_mode(regs) is true');
    await user.context().close();
    const preemptOff = await open('', 'suspend-preempt-off');
    expect(await stepUntilExplained(preemptOff, /decided can_continue/)).toContain(
      'neither user_mode(regs) nor preemptible()',
    );
    await preemptOff.context().close();
    const nested = await open('', 'nested-after-clear');
    // The outer handler decides first (can_continue = true), the nested one finds TIF_IN_VE set.
    expect(await stepUntilExplained(nested, /decided can_continue = false/)).toContain(
      'test_and_set_thread_flag(TIF_IN_VE) found the flag already set',
    );
    await nested.context().close();
  });
});

describe('data-changed', () => {
  it('marks what the last step or Back changed, and only that', async () => {
    const page = await open('', 'happy-user', 'reduce');
    const changed = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-changed="true"]')]
          .map((e) => e.getAttribute('data-testid'))
          .sort(),
      );
    expect(await changed()).toEqual([]);
    await pressTo(page, 'ArrowRight', 1); // hw.access: nothing of the readouts changes yet
    await pressTo(page, 'ArrowRight', 2); // hw.ve: the busy word is set, app has a #VE frame open
    expect(await changed()).toEqual(['busy-0', 'task-0-app']);
    expect(await attr(page, 'bit-0-0', 'data-changed')).toBe('false');
    // The mark is visible: a ring in the change colour.
    const ring = () => page.getByTestId('busy-0').evaluate((e) => getComputedStyle(e).outlineColor);
    expect(await ring()).not.toBe('rgba(0, 0, 0, 0)');

    // The next steps leave the busy word alone: its mark is gone at once (reduced motion).
    await pressTo(page, 'ArrowRight', 3);
    expect(await attr(page, 'busy-0', 'data-changed')).toBe('false');
    expect(await ring()).toBe('rgba(0, 0, 0, 0)');
    // ve.find, then ve.bug_on, then ve.set_bit takes bit 0.
    let n = 3;
    while ((await attr(page, 'bit-0-0', 'data-active')) !== 'true') await pressTo(page, 'ArrowRight', ++n);
    expect(await changed()).toEqual(['bit-0-0']);
    await pressTo(page, 'ArrowRight', ++n); // copy_ve_info fills info[0]
    expect(await changed()).toEqual(['slot-0-0']);

    // Back is a change too: back to before the bit was set.
    await pressTo(page, 'ArrowLeft', --n);
    expect(await changed()).toEqual(['slot-0-0']);
    await pressTo(page, 'ArrowLeft', --n);
    expect(await changed()).toEqual(['bit-0-0']);
    await page.context().close();
  });

  it('marks tasks, guest_current, host_current and pages when they change', async () => {
    const page = await open('', 'lost-wakeup', 'reduce');
    const seen = new Set<string>();
    for (let n = 1; n <= 36; n++) {
      await pressTo(page, 'ArrowRight', n);
      const ids = await page.evaluate(() =>
        [...document.querySelectorAll('[data-changed="true"]')].map(
          (e) => e.getAttribute('data-testid') ?? '',
        ),
      );
      for (const id of ids) seen.add(id);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['task-0-a', 'task-0-b', 'host-current-0', 'page-0x2000', 'guest-current-0']),
    );
    await page.context().close();
  });
});
