/** The default playground in a real browser: click to fault, follow the protocol, nest, go back. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attr, openPlayground, readouts, useHarness, step, stepNumber, stepUntil, text } from './harness';

const harness = useHarness();

describe('default playground', () => {
  it('opens with every hook of the UI contract', async () => {
    const page = await openPlayground(harness);
    expect(await text(page, 'step-counter')).toBe('0');
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('running');
    expect(await text(page, 'busy-0')).toBe('0x00000000');
    expect(await attr(page, 'page-0x2000', 'data-backing')).toBe('swapped');
    expect(await attr(page, 'bit-0-0', 'data-active')).toBe('false');
    expect(await attr(page, 'slot-0-0', 'data-state')).toBe('NONE');
    expect(await attr(page, 'task-0-app', 'data-status')).toBe('running');
    expect(await attr(page, 'invariant-no-bug', 'data-broken')).toBe('false');
    expect(await page.getByTestId('outcome').count()).toBe(0);
    expect(await page.getByTestId('error').count()).toBe(0);
    for (const name of ['Step', 'Back', 'Play', 'Reset', 'Share']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
      // Playwright's default name match is a case-insensitive substring: no other button may contain it.
      expect(await page.getByRole('button', { name }).count()).toBe(1);
    }
    expect(await page.getByRole('slider', { name: /speed/i }).count()).toBe(1);
    await page.context().close();
  });

  it('the event log, below the fold, shows the same rows as one on screen all along once scrolled to or printed', async () => {
    const rows = (page: Page) =>
      page.evaluate(() => [...document.querySelectorAll('.panel.log li')].map((li) => li.textContent));
    const play = async (page: Page) => {
      await page.getByTestId('page-0x2000').click();
      for (let n = 0; n < 12; n++) await step(page);
    };
    // Tall enough that the log is on screen from the start: the reference.
    const tall = await openPlayground(harness, '', { width: 1280, height: 2600 });
    await play(tall);
    const expected = await rows(tall);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected[0]).toMatch(/^\s*11\b/);
    await tall.context().close();

    const page = await openPlayground(harness);
    const below = await page
      .locator('.panel.log')
      .evaluate((el) => el.getBoundingClientRect().top > innerHeight);
    expect(below).toBe(true);
    await play(page);
    // Printed, the page shows every panel: the log catches up before the printout is laid out.
    const printed = await page.evaluate(() => {
      dispatchEvent(new Event('beforeprint'));
      const rows = [...document.querySelectorAll('.panel.log li')].map((li) => li.textContent);
      dispatchEvent(new Event('afterprint'));
      return rows;
    });
    expect(printed).toEqual(expected);
    await page.locator('.panel.log').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (first) => document.querySelector('.panel.log li')?.textContent === first,
      expected[0],
    );
    expect(await rows(page)).toEqual(expected);
    // On screen, it follows every step. A key, not the Step button: clicking the button would
    // scroll the page back up to it, and the log out of view.
    const at = await stepNumber(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) !== b,
      at,
    );
    expect(
      await page.locator('.panel.log').evaluate((el) => el.getBoundingClientRect().top < innerHeight),
    ).toBe(true);
    await page.waitForFunction(() =>
      /^\s*12\b/.test(document.querySelector('.panel.log li')?.textContent ?? ''),
    );
    await page.context().close();
  });

  it('follows a click on a swapped page through #VE, park, completion and wake', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    await step(page); // hw.access: the EPT violation becomes a #VE
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    expect(await attr(page, 'code-line-hw.ve', 'data-current')).toContain('vcpu0');
    await step(page); // hw.ve: the CPU fills the area and sets busy
    expect(await text(page, 'busy-0')).toBe('0xFFFFFFFF');
    await stepUntil(page, async () => (await attr(page, 'bit-0-0', 'data-active')) === 'true');
    expect(await attr(page, 'slot-0-0', 'data-state')).toBe('NONE');
    await stepUntil(page, async () => (await attr(page, 'slot-0-0', 'data-state')) === 'CAN_CONTINUE');
    expect(await text(page, 'guest-current-0')).toBe('0');
    expect(await text(page, 'busy-0')).toBe('0xFFFFFFFF');
    await stepUntil(page, async () => (await text(page, 'busy-0')) === '0x00000000');
    expect(await attr(page, 'code-line-ve.cc.wait', 'data-current')).toBe('vcpu0');
    await step(page); // ve.cc.wait: the task parks, kworker runs
    expect(await attr(page, 'task-0-app', 'data-status')).toBe('parked');
    expect(await attr(page, 'task-0-kworker', 'data-status')).toBe('running');
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('running');
    await stepUntil(page, async () => (await attr(page, 'slot-0-0', 'data-state')) === 'RESOLVED');
    await stepUntil(page, async () => (await attr(page, 'vcpu-0', 'data-state')) === 'in-completion');
    expect(await text(page, 'host-current-0')).toBe('0');
    await stepUntil(page, async () => (await attr(page, 'task-0-app', 'data-status')) === 'running');
    await stepUntil(page, async () => (await attr(page, 'bit-0-0', 'data-active')) === 'false');
    expect(await attr(page, 'slot-0-0', 'data-state')).toBe('NONE');
    await stepUntil(page, async () => (await attr(page, 'vcpu-0', 'data-state')) === 'running');
    expect(await text(page, 'busy-0')).toBe('0x00000000');
    for (const inv of [
      've-info-saved',
      'slot-owner',
      'host-current-consumed',
      'no-lost-wakeup',
      'no-nested-wait',
      'no-bug',
    ]) {
      expect(await attr(page, `invariant-${inv}`, 'data-broken')).toBe('false');
    }
    await page.context().close();
  });

  it('a click inside the #VE handler nests an EPT violation: a VM exit suspends the vCPU', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await step(page);
    await step(page); // inside the handler, busy set
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    await page.getByTestId('page-0x3000').click();
    await stepUntil(page, async () => (await attr(page, 'vcpu-0', 'data-state')) === 'suspended', 10);
    expect(await text(page, 'busy-0')).toBe('0xFFFFFFFF');
    // The host brings 0x3000 in, the handler goes on and the first fault completes.
    await stepUntil(page, async () => (await attr(page, 'slot-0-0', 'data-state')) === 'CAN_CONTINUE', 40);
    await page.context().close();
  });

  it('Back restores the previous state exactly, Reset returns to step 0', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('vcpu-1').click();
    await page.getByTestId('page-0x4000').click();
    // Space right after the click steps (it does not click the page again).
    await page.keyboard.press(' ');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '1',
    );
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('in-ve-handler');
    for (let n = 0; n < 5; n++) await step(page);
    const before = await readouts(page);
    await step(page);
    expect(await readouts(page)).not.toEqual(before);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="step-counter"]')?.textContent === s,
      before['step-counter'],
    );
    expect(await readouts(page)).toEqual(before);
    // Keyboard: → steps, ← goes back.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="step-counter"]')?.textContent !== s,
      before['step-counter'],
    );
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="step-counter"]')?.textContent === s,
      before['step-counter'],
    );
    expect(await readouts(page)).toEqual(before);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '0',
    );
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('running');
    expect(await text(page, 'busy-1')).toBe('0x00000000');
    expect(await stepNumber(page)).toBe(0);
    // The recorded click survives a reset: stepping faults vCPU 1 again.
    await step(page);
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('in-ve-handler');
    await page.context().close();
  });

  it('an edit of the machine reloads it at step 0 with the new shape', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    // Every line on screen: the re-arm at entry is not run by this variant, and the panel folds
    // away what does not run (how far depends on the fit it settled on, so on timing).
    await page.getByRole('button', { name: 'Whole code' }).click();
    await page.getByRole('button', { name: 'Only what runs' }).waitFor();
    await page.getByRole('button', { name: /Edit machine/ }).click();
    await page.getByLabel('vCPUs (1–16)').fill('3');
    await page.getByLabel('N_ENTRIES (1–64)').fill('8');
    expect(await page.getByTestId('code-line-ve.clear_entry').getAttribute('class')).toContain('code-off');
    await page.getByLabel('reentrancyClear').selectOption('at-entry');
    await page.getByRole('button', { name: /Apply/ }).click();
    await page.getByTestId('vcpu-2').waitFor();
    // The variant took effect: the re-arm at entry is a live line of the handler now.
    expect(await page.getByTestId('code-line-ve.clear_entry').getAttribute('class')).not.toContain(
      'code-off',
    );
    expect(await stepNumber(page)).toBe(0);
    expect(await attr(page, 'slot-0-7', 'data-state')).toBe('NONE');
    expect(await attr(page, 'bit-2-7', 'data-active')).toBe('false');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'About the model' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('NMIs are not modelled');
    await page.context().close();
  });

  it('Play runs and Pause stops; Share shows a URL that reopens the same run', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    // At 4 steps/s the default run lasts about 13 s: Pause lands long before it ends.
    await page.getByRole('button', { name: 'speed 4/s' }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > 2,
    );
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const at = await stepNumber(page);
    const seen = await readouts(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toContain('#s=');
    expect(url).toContain(`&at=${at}`);
    const second = await harness.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await second.goto(url.replace(/^https?:\/\/[^/]+\//, harness.url));
    await second.waitForFunction(
      (s) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(s),
      at,
    );
    const reopened = await readouts(second);
    expect(reopened).toEqual(seen);
    await second.close();
    await page.context().close();
  });
});

describe('keys come from the action registry', () => {
  it('Ctrl+Z undoes the last click and goes back to where it was made', async () => {
    const page = await openPlayground(harness);
    const undo = page.getByRole('button', { name: 'Undo click', exact: true });
    expect(await undo.isDisabled()).toBe(true);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await step(page);
    expect(await attr(page, 'vcpu-0', 'data-state')).not.toBe('running');
    expect(await undo.isDisabled()).toBe(false);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '0',
    );
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('running');
    await undo.waitFor({ state: 'attached' });
    await page.waitForFunction(() =>
      Boolean(document.querySelector<HTMLButtonElement>('button[data-action="undo-click"]')?.disabled),
    );
    await page.context().close();
  });

  it('lecture keys: L, ? and Esc; Space steps even when a button has focus', async () => {
    const page = await openPlayground(harness);
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === 'true');
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.textContent()).toContain('Ctrl/⌘+Z');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === undefined);

    await page.getByTestId('page-0x2000').click();
    await page.getByRole('button', { name: 'Reset', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '1',
    );
    await page.context().close();
  });
});

describe('two playgrounds in one page (?pair=1)', () => {
  it('each has its own store and worker: buttons and keys drive only their own', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${harness.url}?pair=1`);
    const [a, b] = [page.locator('[data-playground]').nth(0), page.locator('[data-playground]').nth(1)];
    await a.getByTestId('vcpu-0').waitFor();
    await b.getByTestId('vcpu-0').waitFor();
    const counter = (p: typeof a) => p.getByTestId('step-counter').textContent();

    await a.getByTestId('page-0x2000').click();
    await a.getByRole('button', { name: 'Step', exact: true }).click();
    await a.getByTestId('step-counter').getByText('1').waitFor();
    expect(await a.getByTestId('vcpu-0').getAttribute('data-state')).toBe('in-ve-handler');
    expect(await counter(b)).toBe('0');
    expect(await b.getByTestId('vcpu-0').getAttribute('data-state')).toBe('running');

    // Keys go to the playground that has focus.
    await b.getByTestId('page-0x3000').click();
    await page.keyboard.press('ArrowRight');
    await b.getByTestId('step-counter').getByText('1').waitFor();
    await page.keyboard.press('ArrowRight');
    await b.getByTestId('step-counter').getByText('2').waitFor();
    expect(await counter(a)).toBe('1');
    await context.close();
  });
});

describe('Content-Security-Policy (index.html)', () => {
  it('blocks inline script and is not violated by the app', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(harness.url);
    await page.getByTestId('vcpu-0').waitFor();
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByTestId('gallery').waitFor();
    await page.keyboard.press('Escape');
    // An injected inline script does not run.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
      return (window as unknown as { __inline?: number }).__inline ?? null;
    });
    expect(ran).toBeNull();
    // The violation event is queued as a task: wait for it rather than read at once.
    await page.waitForFunction(
      () => (window as unknown as { __violations: string[] }).__violations.length > 0,
    );
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    // The only violation is the injected script's.
    expect(violations).toEqual(['script-src-elem inline']);
    await context.close();
  });
});
