/**
 * Fixes one click away: presets 15 and 16 offer "Try the fix", which loads the same run under the
 * fix with captions of its own (and "Show the flaw" goes back); captions written for another
 * variant than the run's give way to a note; the gallery links both runs and opens with the free
 * playground.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attr, openPlayground, step, stepNumber, text, useHarness } from './harness';
import { presetLink } from './presetLinks';

const harness = useHarness();

async function waitStep(page: Page, at: number): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(want),
    at,
  );
}

async function waitTitle(page: Page, part: string): Promise<void> {
  await page.waitForFunction(
    (p) => document.querySelector('.scenario-title')?.textContent?.includes(p) ?? false,
    part,
  );
}

/** Plays at maximum speed until the run stops (Step disabled: it has an outcome). */
async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'speed max' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() =>
    Boolean(document.querySelector<HTMLButtonElement>('button[data-action="step"]')?.disabled),
  );
}

async function brokenInvariants(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="invariant-"][data-broken="true"]')].map(
      (el) => el.getAttribute('data-testid') ?? '',
    ),
  );
}

describe('Try the fix', () => {
  it('flag-cleared-by-nested: the fixed run keeps TIF_IN_VE and no-nested-wait; Show the flaw goes back', async () => {
    const page = await openPlayground(harness, presetLink('flag-cleared-by-nested', 49));
    // Step 48 (ve.cc.wait) has run: app waits inside its own handler.
    await waitStep(page, 49);
    expect(await attr(page, 'invariant-no-nested-wait', 'data-broken')).toBe('true');
    expect(await text(page, 'narration')).toContain('no-nested-wait breaks');
    const tryFix = page.getByRole('button', { name: /^Try the fix/ });
    expect(await tryFix.textContent()).toBe('Try the fix: tifInVeClear = owner');
    const length = await page.evaluate(() => history.length);
    await tryFix.click();

    // The same run under the fix, opened where the two runs part (step 34), with its own captions.
    await waitTitle(page, 'tifInVeClear = owner');
    await waitStep(page, 34);
    expect(await page.evaluate(() => history.length)).toBe(length + 1);
    expect(await text(page, 'narration')).toContain('leaves TIF_IN_VE alone');
    expect(await page.getByTestId('narration-note').count()).toBe(0);
    await step(page);
    expect(await text(page, 'step-explanation')).toMatch(/TIF_IN_VE/);
    await runToEnd(page);
    expect(await brokenInvariants(page)).toEqual([]);
    expect(await attr(page, 'task-0-app', 'data-status')).not.toBe('parked');
    expect(await page.getByTestId('outcome').count()).toBe(0);

    // And back: the preset as the mail has it, its own captions.
    const flaw = page.getByRole('button', { name: /^Show the flaw/ });
    expect(await flaw.textContent()).toBe('Show the flaw: the mail as written');
    await flaw.click();
    await waitTitle(page, "clears the outer handler's TIF_IN_VE");
    await waitStep(page, 34);
    expect(await text(page, 'narration')).toContain('clear_thread_flag(TIF_IN_VE)');
    await page.context().close();
  });

  it('bug-on-despite-check in lecture mode, from the keyboard: the same fault is a VM exit, no BUG_ON', async () => {
    const page = await openPlayground(harness, '?lecture=1' + presetLink('bug-on-despite-check', 39), {
      width: 1280,
      height: 720,
    });
    await waitStep(page, 39);
    expect(await page.getByTestId('outcome').textContent()).toContain('BUG_ON');
    const tryFix = page.getByRole('button', { name: /^Try the fix/ });
    expect(await tryFix.isVisible()).toBe(true);
    await tryFix.focus();
    await page.keyboard.press('Enter');
    await waitTitle(page, 'smClear = after-release');
    await waitStep(page, 32);
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBe('true');
    expect(await page.getByTestId('outcome').count()).toBe(0);
    expect(await text(page, 'narration')).toContain('busy word still set');
    // Step 34: the access to 0x4000 with the busy word set is a VM exit, not a #VE.
    await step(page);
    await step(page);
    expect(await stepNumber(page)).toBe(34);
    expect(await text(page, 'narration')).toContain('VM exit, not a #VE');
    await step(page);
    expect(await text(page, 'step-explanation')).toMatch(/VM exit/);
    expect(await text(page, 'busy-0')).toBe('0xFFFFFFFF');
    // Out of lecture mode (Esc) for the speed buttons, then to the end.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === undefined);
    await runToEnd(page);
    expect(await brokenInvariants(page)).toEqual([]);
    expect(await page.getByTestId('outcome').count()).toBe(0);
    expect(await attr(page, 'slot-0-1', 'data-state')).toBe('NONE');
    await page.context().close();
  });

  it('keeps the clicks the user added', async () => {
    const page = await openPlayground(harness, presetLink('flag-cleared-by-nested', 0));
    await page.getByTestId('page-0x4000').click();
    await step(page);
    await page.getByRole('button', { name: /^Try the fix/ }).click();
    await waitTitle(page, 'tifInVeClear = owner');
    // The click is part of the fixed run too: Undo click can take it back.
    await waitStep(page, 1);
    const undo = page.getByRole('button', { name: 'Undo click', exact: true });
    expect(await undo.isDisabled()).toBe(false);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('#s=');
    await page.context().close();
  });
});

describe('captions written for another variant', () => {
  it('Edit machine: a changed variant hides them with a note, the variant back shows them again', async () => {
    const page = await openPlayground(harness, presetLink('happy-user', 0));
    await page.getByTestId('narration').waitFor();
    const edit = async (value: string) => {
      await page.getByRole('button', { name: /Edit machine/ }).click();
      await page.getByLabel('injectWhen').selectOption(value);
      await page.getByRole('button', { name: /Apply/ }).click();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    };
    await edit('always');
    const note = page.getByTestId('narration-note');
    await note.waitFor();
    expect(await note.textContent()).toBe(
      'The narration was written for the mail as written; this run uses injectWhen = always.',
    );
    expect(await page.getByTestId('narration').count()).toBe(0);
    await edit('if1');
    await page.getByTestId('narration').waitFor();
    expect(await page.getByTestId('narration-note').count()).toBe(0);
    await page.context().close();
  });

  it('a link: a preset opened under another variant gets the note and no fix button', async () => {
    const link = presetLink('flag-cleared-by-nested', 0, (s) => ({
      ...s,
      config: { ...s.config, variant: { ...s.config.variant, smClear: 'after-release' } },
    }));
    const page = await openPlayground(harness, '?lecture=1' + link);
    const note = page.getByTestId('narration-note');
    await note.waitFor();
    expect(await note.textContent()).toBe(
      'The narration was written for the mail as written; this run uses smClear = after-release.',
    );
    expect(await note.isVisible()).toBe(true);
    expect(await page.getByTestId('try-fix').count()).toBe(0);
    await page.context().close();
  });
});

describe('the gallery', () => {
  it('opens with the free playground; a fixable preset links its fixed run', async () => {
    const page = await openPlayground(harness, presetLink('bug-on', 0));
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const cards = page.locator('.gallery-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(18);
    expect(await cards.first().getAttribute('data-testid')).toBe('preset-playground');
    expect(await cards.first().textContent()).toContain('Free playground');
    // Focus starts on the first card.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'preset-playground',
    );
    const fixLinks = page.locator('.gallery-fix');
    expect(await fixLinks.count()).toBe(2);
    const fix = page.getByTestId('preset-fix-bug-on-despite-check');
    expect(await fix.textContent()).toBe('Try the fix: smClear = after-release');
    expect(await fix.getAttribute('href')).toMatch(/^#s=/);
    await fix.click();
    await waitTitle(page, 'smClear = after-release');
    await waitStep(page, 0);
    expect(await text(page, 'narration')).toContain('frees its slot before it re-arms');

    await page.keyboard.press('g');
    await page.getByTestId('preset-playground').click();
    await waitTitle(page, 'Playground');
    expect(await page.getByTestId('vcpu-1').count()).toBe(1);
    expect(await page.getByTestId('page-0x7000').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Undo click', exact: true }).isDisabled()).toBe(true);
    await page.context().close();
  });
});
