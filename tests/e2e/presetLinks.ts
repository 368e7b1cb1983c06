/** Links to the presets of public/scenarios, for e2e tests that open one (optionally changed). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../src/engine';
import { encodeScenarioHash, parseScenario } from '../../src/share';

export function presetScenario(name: string): Scenario {
  const file = join(import.meta.dirname, '../../public/scenarios', `${name}.json`);
  const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

/** `#s=…` (and `&at=…`) of a preset, optionally changed by `edit`. */
export function presetLink(name: string, at?: number, edit?: (s: Scenario) => Scenario): string {
  const scenario = presetScenario(name);
  return encodeScenarioHash(edit ? edit(scenario) : scenario, at);
}
