/**
 * Native modal dialogs (focus trapped, Esc closes, focus back to the opener, keys off behind),
 * Space after Enter on a page steps once and queues nothing twice, Clear clicks, and the favicon.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { attr, openPlayground, step, useHarness } from './harness';

const harness = useHarness();

/** Where focus is: inside the open modal dialog, or the test id / name of what has it. */
async function focusIsInModal(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const dialog = document.querySelector('dialog:modal');
    return dialog !== null && dialog.contains(document.activeElement);
  });
}

/** Opens a dialog with `opener`, checks it is modal and traps Tab, closes it with Esc. */
async function checkModal(page: Page, opener: Locator, dialog: Locator): Promise<void> {
  await opener.click();
  await dialog.waitFor();
  expect(await dialog.evaluate((d) => d.tagName === 'DIALOG' && d.matches(':modal'))).toBe(true);
  expect(await focusIsInModal(page)).toBe(true);
  // Tab and Shift+Tab go round inside the dialog, never to the page behind it.
  for (let n = 0; n < 12; n++) {
    await page.keyboard.press(n % 5 === 4 ? 'Shift+Tab' : 'Tab');
    expect(await focusIsInModal(page), `Tab ${n}`).toBe(true);
  }
  // The page behind is inert: keys do not step it.
  const before = await page.getByTestId('step-counter').textContent();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await page.getByTestId('step-counter').textContent()).toBe(before);
  // Focus is back on the control that opened it.
  expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
}

describe('modal dialogs', () => {
  it('About, the keyboard help, the gallery and the machine editor are native modal dialogs', async () => {
    const page = await openPlayground(harness);
    await checkModal(
      page,
      page.getByRole('button', { name: 'About the model' }),
      page.getByRole('dialog', { name: 'About the model' }),
    );
    await checkModal(
      page,
      page.getByRole('button', { name: 'Keyboard help' }),
      page.getByTestId('help-overlay'),
    );
    await checkModal(page, page.getByRole('button', { name: 'Scenarios' }), page.getByTestId('gallery'));
    await checkModal(
      page,
      page.getByRole('button', { name: /Edit machine/ }),
      page.getByRole('dialog', { name: 'Edit the machine' }),
    );
    // Esc on a dialog in lecture mode closes the dialog only.
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === 'true');
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBe('true');
    await page.context().close();
  });

  it('a dialog taller than the window opens at its top, its title on screen', async () => {
    const page = await openPlayground(harness, '', { width: 1280, height: 720 });
    await page.getByRole('button', { name: 'About the model' }).click();
    const dialog = page.getByRole('dialog', { name: 'About the model' });
    await dialog.waitFor();
    const seen = await dialog.evaluate((d) => {
      const box = d.getBoundingClientRect();
      const title = d.querySelector('#about-title')!.getBoundingClientRect();
      return { taller: d.scrollHeight > d.clientHeight, top: d.scrollTop, titleShown: title.top >= box.top };
    });
    expect(seen).toEqual({ taller: true, top: 0, titleShown: true });
    expect(await focusIsInModal(page)).toBe(true);
    // Tab goes on to the dialog's first control.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('DIALOG');
    await page.context().close();
  });

  it('a click on the backdrop closes a dialog; a click inside does not', async () => {
    const page = await openPlayground(harness);
    await page.getByRole('button', { name: 'About the model' }).click();
    const dialog = page.getByRole('dialog', { name: 'About the model' });
    await dialog.waitFor();
    await dialog.getByRole('heading', { name: 'About the model' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await page.mouse.click(5, 5);
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });
});

describe('keys', () => {
  it('Enter on a focused page queues one access; Space then steps, and does not queue it again', async () => {
    const page = await openPlayground(harness);
    const undo = page.getByRole('button', { name: 'Undo click', exact: true });
    await page.getByTestId('page-0x2000').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector<HTMLButtonElement>('button[data-action="undo-click"]')?.disabled === false,
    );
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '1',
    );
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    // One Undo click removes every recorded click: there was exactly one.
    await undo.click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '0',
    );
    await page.waitForFunction(() =>
      Boolean(document.querySelector<HTMLButtonElement>('button[data-action="undo-click"]')?.disabled),
    );
    // Space with a page focused steps the run and does not click that page: after it, one Undo
    // click (queued behind anything Space sent) leaves no click recorded.
    await page.getByTestId('page-0x2000').click();
    await page.getByTestId('page-0x3000').focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '1',
    );
    await undo.click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '0',
    );
    await page.waitForFunction(() =>
      Boolean(document.querySelector<HTMLButtonElement>('button[data-action="undo-click"]')?.disabled),
    );
    await page.context().close();
  });

  it('Clear clicks removes every recorded click and returns to step 0', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await page.getByTestId('vcpu-1').click();
    await page.getByTestId('page-0x3000').click();
    await step(page);
    await step(page);
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('in-ve-handler');
    await page.getByRole('button', { name: 'Clear clicks', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-counter"]')?.textContent === '0',
    );
    await page.waitForFunction(() =>
      Boolean(document.querySelector<HTMLButtonElement>('button[data-action="clear-clicks"]')?.disabled),
    );
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('running');
    // Only a new click faults now: vCPU 1's old one is gone.
    await page.getByTestId('vcpu-0').click();
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await step(page);
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    expect(await attr(page, 'vcpu-1', 'data-state')).toBe('running');
    await page.context().close();
  });
});

describe('favicon', () => {
  it('the page links an SVG icon that loads; /favicon.ico is there too', async () => {
    const page = await openPlayground(harness);
    const href = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href);
    expect(href).toMatch(/favicon\.svg$/);
    const icon = await page.request.get(href ?? '');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    const ico = await page.request.get(new URL('/favicon.ico', harness.url).href);
    expect(ico.status()).toBe(200);
    expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    await page.context().close();
  });
});
