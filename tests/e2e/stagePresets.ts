/** The named presets as URL fragments, and a keyboard step that waits for the frame. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import type { Scenario } from '../../src/engine';

const DIR = join(import.meta.dirname, '../../public/scenarios');

export function presetScenario(name: string): Scenario {
  const parsed = parseScenario(JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
  return parsed.scenario;
}

export function presetHash(name: string): string {
  return encodeScenarioHash(presetScenario(name));
}

/** Every file of public/scenarios (the 17 presets and the playground). */
export function presetNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export async function counter(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-counter').textContent());
}

/** Presses `key` and waits until the step counter shows `expected`. */
export async function pressTo(page: Page, key: string, expected: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(want),
    expected,
  );
}
