/**
 * The preset gallery's data: the 17 named scenarios of protocol.md §5 (public/scenarios/*.json,
 * bundled so they open offline and at once), each with the one-line question it answers and its
 * own URL (`#s=…` of scenario.md). playground.json is the default scenario, not a preset.
 */
import type { Scenario } from '../engine';
import { encodeScenarioHash, parseScenario } from '../share';
import { NAMED_SCENARIOS } from '../share/named';

/** protocol.md §5, in its order. */
export const PRESET_NAMES = NAMED_SCENARIOS;

export type PresetName = (typeof PRESET_NAMES)[number];

/** Questions for presets whose description does not open with one. */
const QUESTION_OVERRIDES: Partial<Record<PresetName, string>> = {
  'flag-cleared-by-nested': "Can a nested #VE clear the outer handler's TIF_IN_VE?",
  'bug-on-despite-check': 'Can BUG_ON fire even with the bitmap_full() check?',
};

export interface Preset {
  name: PresetName;
  title: string;
  question: string;
  scenario: Scenario;
  /** The fragment that opens it: `#s=…` (no `at`: it opens at step 0). */
  hash: string;
}

const files = import.meta.glob<unknown>('../../public/scenarios/*.json', {
  eager: true,
  import: 'default',
});

function fileOf(name: string): unknown {
  const key = Object.keys(files).find((k) => k.endsWith(`/${name}.json`));
  return key === undefined ? undefined : files[key];
}

/** The description's first sentence when it is a question ("What happens …?"), else the override. */
export function questionOf(name: PresetName, description: string | undefined): string {
  const override = QUESTION_OVERRIDES[name];
  if (override) return override;
  const text = (description ?? '').trim();
  const q = text.indexOf('?');
  if (q > 0) return text.slice(0, q + 1);
  const firstStop = text.search(/[.!]\s/);
  return firstStop > 0 ? text.slice(0, firstStop + 1) : text;
}

function load(): Preset[] {
  const out: Preset[] = [];
  for (const name of PRESET_NAMES) {
    const parsed = parseScenario(fileOf(name));
    // The presets are tested (tests/engine/named-scenarios.test.ts); a bad one is left out, not fatal.
    if (!parsed.ok) {
      console.error(`preset ${name}: ${parsed.message}`);
      continue;
    }
    const scenario = parsed.scenario;
    out.push({
      name,
      title: scenario.title ?? name,
      question: questionOf(name, scenario.description),
      scenario,
      hash: encodeScenarioHash(scenario),
    });
  }
  return out;
}

let cache: Preset[] | null = null;

export function presets(): Preset[] {
  cache ??= load();
  return cache;
}

/** The preset whose scenario is exactly `scenario` (by its minimal encoding), if any. */
const known = new WeakMap<Scenario, Preset | null>();

export function presetOf(scenario: Scenario | null): Preset | null {
  if (!scenario) return null;
  const seen = known.get(scenario);
  if (seen !== undefined) return seen;
  const hash = encodeScenarioHash(scenario);
  const found = presets().find((p) => p.hash === hash) ?? null;
  known.set(scenario, found);
  return found;
}
