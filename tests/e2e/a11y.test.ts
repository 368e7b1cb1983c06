/**
 * Accessibility: axe-core (WCAG 2 A/AA rules) finds no serious or critical violation in normal,
 * lecture and embed mode, light and dark, with a preset open mid-run, and with the gallery or the
 * About dialog open. axe is evaluated through the DevTools protocol, which the page's CSP (no
 * inline script) does not block.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPlayground, useHarness } from './harness';
import { presetLink } from './presetLinks';

const harness = useHarness();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe's serious and critical WCAG 2 A/AA violations on the page as it is now. */
async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
      }));
  });
}

/** Mid-run of the lost-wakeup preset: both tasks parked, the host about to complete. */
const MID_RUN = presetLink('lost-wakeup', 30);

const MODES = [
  { mode: 'normal', query: '' },
  { mode: 'lecture', query: '?lecture=1' },
  { mode: 'embed', query: '?embed=1&show=code' },
] as const;

describe('axe: no serious or critical WCAG 2 A/AA violation', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const { mode, query } of MODES) {
      it(`${mode} mode, ${scheme}, a preset mid-run`, async () => {
        const page = await openPlayground(harness, query + MID_RUN, { width: 1280, height: 720 }, scheme);
        await page.getByTestId('step-counter').getByText('30', { exact: true }).waitFor();
        await page.getByTestId('step-explanation').waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        expect(await violations(page)).toEqual([]);
        await page.context().close();
      });
    }

    it(`the gallery and the About dialog, ${scheme}`, async () => {
      const page = await openPlayground(harness, MID_RUN, { width: 1280, height: 720 }, scheme);
      await page.getByRole('button', { name: 'Scenarios' }).click();
      await page.getByTestId('preset-playground').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('gallery').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'About the model' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
