/** Lecture mode from the keyboard: every key of the issue, the help overlay, the spoken steps. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { openPlayground, stepNumber, text, useHarness } from './harness';

const harness = useHarness();

function presetHash(name: string): string {
  const parsed = parseScenario(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios', `${name}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return encodeScenarioHash(parsed.scenario);
}

async function press(page: Page, key: string, expected: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(want),
    expected,
  );
}

describe('lecture mode', () => {
  it('runs the whole lecture from the keyboard', async () => {
    const page = await openPlayground(harness, presetHash('happy-user'), { width: 1920, height: 1080 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === 'true');
    // Only what the audience needs; the caption under the picture.
    expect(await page.locator('.top-actions').isVisible()).toBe(false);
    expect(await page.getByTestId('step-explanation').isVisible()).toBe(true);
    expect(await page.getByTestId('vcpu-0').isVisible()).toBe(true);

    await press(page, 'Space', 1);
    await press(page, 'ArrowRight', 2);
    await press(page, 'PageDown', 3);
    await press(page, 'ArrowLeft', 2);
    await press(page, 'PageUp', 1);
    await press(page, 'PageDown', 2);
    expect(await text(page, 'step-explanation')).toContain('The CPU delivered the #VE for 0x2000 to vCPU 0');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="live-region"]')
        ?.textContent?.startsWith('Step 2. The CPU delivered'),
    );
    expect(await page.getByTestId('live-region').getAttribute('aria-live')).toBe('polite');

    // P plays, `.` pauses (what a clicker sends), P again plays, P pauses.
    await page.keyboard.press('p');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > 2,
    );
    await page.keyboard.press('.');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const paused = await stepNumber(page);
    await page.waitForTimeout(600);
    expect(await stepNumber(page)).toBe(paused);

    await press(page, 'r', 0);
    expect(await text(page, 'step-explanation')).toContain('Nothing has run yet');

    // ? lists the keys; Esc closes it; Esc again leaves lecture mode.
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    for (const key of ['Space', '→', 'PageDown', '←', 'PageUp', 'P', '.', 'R', 'F', '?']) {
      expect(await help.locator('kbd', { hasText: key }).count(), key).toBeGreaterThan(0);
    }
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    // F asks for full screen (refused or granted, the page goes on working).
    await page.keyboard.press('f');
    await press(page, 'Space', 1);
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.dataset.lecture === undefined);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    await page.context().close();
  });

  it('?lecture=1 opens in lecture mode; Esc leaves it; keys are ignored while typing in a field', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${harness.url}?lecture=1${presetHash('bitmap-full')}`);
    await page.getByTestId('vcpu-0').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.lecture)).toBe('true');
    await press(page, 'Space', 1);
    await page.keyboard.press('Escape');
    // Normal mode explains steps too (under the controls), so the caption goes, not the sentence.
    await page.waitForFunction(() => document.documentElement.dataset.lecture === undefined);
    expect(await page.locator('.lecture-caption').count()).toBe(0);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByTestId('share-url').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('r');
    await page.waitForTimeout(300);
    expect(await stepNumber(page)).toBe(1);
    await context.close();
  });
});
