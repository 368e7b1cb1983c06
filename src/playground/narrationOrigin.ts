/**
 * Which run a scenario's captions were written for: a preset's (its variant) or a preset's fixed
 * run (the fix's variant). Captions travel with the scenario (Edit machine keeps them, a link
 * carries them), so a run whose variant is not the one they describe would tell the wrong story:
 * the views hide them with a note, and offer the fix (or the way back) when the variant matches.
 */
import type { NarrationCaption, Scenario, Variant } from '../engine';
import { fixedScenario, fixOf, flawedScenario, PRESET_FIXES, type PresetFix } from './fixes';
import { presets, type Preset } from './presets';
import { changedSwitches, sameVariant, variantWords } from './variantWords';

export interface NarrationOrigin {
  /** The preset's own captions, or those of its fixed run. */
  kind: 'preset' | 'fix';
  preset: Preset;
  /** The preset's fix, when it has one (for `kind: 'fix'`, the fix they were written for). */
  fix: PresetFix | undefined;
  /** The variant the captions describe. */
  variant: Variant;
}

function keyOf(narration: readonly NarrationCaption[]): string {
  return JSON.stringify(narration.map((c) => [c.at, c.text]));
}

let table: Map<string, NarrationOrigin> | null = null;

function known(): Map<string, NarrationOrigin> {
  if (table) return table;
  table = new Map();
  for (const preset of presets()) {
    const fix = fixOf(preset.name);
    const variant = preset.scenario.config.variant;
    if (preset.scenario.narration?.length)
      table.set(keyOf(preset.scenario.narration), { kind: 'preset', preset, fix, variant });
  }
  for (const fix of PRESET_FIXES) {
    const preset = presets().find((p) => p.name === fix.preset);
    if (!preset) continue;
    const variant = { ...preset.scenario.config.variant, ...fix.variant };
    table.set(keyOf(fix.narration), { kind: 'fix', preset, fix, variant });
  }
  return table;
}

/** Where the scenario's captions come from, or null for captions of its own (or none). */
export function narrationOrigin(scenario: Scenario): NarrationOrigin | null {
  if (!scenario.narration?.length) return null;
  return known().get(keyOf(scenario.narration)) ?? null;
}

/** The note shown instead of captions written for another variant, or null when they fit. */
export function narrationMismatch(scenario: Scenario, origin: NarrationOrigin | null): string | null {
  if (!origin || sameVariant(origin.variant, scenario.config.variant)) return null;
  return `The narration was written for ${variantWords(origin.variant)}; this run uses ${variantWords(scenario.config.variant)}.`;
}

/** The run one click away: the preset under its fix, or the fixed run back under the mail's flaw. */
export interface OtherRun {
  /** The button's words: "Try the fix: tifInVeClear = owner" or "Show the flaw: the mail as written". */
  label: string;
  /** What it loads, in words (the button's title). */
  title: string;
  scenario: Scenario;
  /** Where it opens: the current step, at most the step at which the two runs part. */
  at: number;
}

/** The other run of a preset that has a fix, same machine and clicks; null when there is none. */
export function otherRun(scenario: Scenario, origin: NarrationOrigin | null, step: number): OtherRun | null {
  if (!origin?.fix || !sameVariant(origin.variant, scenario.config.variant)) return null;
  const at = Math.min(step, origin.fix.divergesAt);
  if (origin.kind === 'preset') {
    const fixed = fixedScenario(scenario, origin.fix);
    return {
      label: `Try the fix: ${changedOnly(fixed.config.variant, origin.variant)}`,
      title: `The same run with ${variantWords(fixed.config.variant)}: ${origin.fix.summary}`,
      scenario: fixed,
      at,
    };
  }
  const flawed = flawedScenario(scenario, origin.preset.scenario);
  return {
    label: `Show the flaw: ${variantWords(flawed.config.variant)}`,
    title: `The same run as the mail has it (${variantWords(flawed.config.variant)}): ${origin.fix.breaks} breaks`,
    scenario: flawed,
    at,
  };
}

/** The switches `to` turns compared with `from` ("tifInVeClear = owner"). */
function changedOnly(to: Variant, from: Variant): string {
  const before = new Set(changedSwitches(from));
  return changedSwitches(to)
    .filter((sw) => !before.has(sw))
    .join(', ');
}
