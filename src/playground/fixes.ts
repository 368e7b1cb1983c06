/**
 * The fixes of the mail's two flaws (protocol.md §3, presets 15 and 16), one click away: the same
 * run (same machine, same clicks) under the fix, with captions written for the fixed run. The
 * captions were written from the engine's trace of each fixed run; tests/teach/fixes.test.ts runs
 * both variants and checks what they claim.
 */
import type { InvariantName, NarrationCaption, Scenario, Variant } from '../engine';
import type { NamedScenario } from '../share/named';

export interface PresetFix {
  /** The preset whose flaw this mends. */
  preset: NamedScenario;
  /** The switches the fix turns (the rest of the preset's variant stays). */
  variant: Partial<Variant>;
  /** The invariant the preset breaks and the fix keeps. */
  breaks: InvariantName;
  /** What the fix changes, for the button's title. */
  summary: string;
  title: string;
  description: string;
  narration: NarrationCaption[];
  /** The first step at which the fixed run differs from the preset's: "Try the fix" opens there at most. */
  divergesAt: number;
}

export const PRESET_FIXES: readonly PresetFix[] = [
  {
    preset: 'flag-cleared-by-nested',
    variant: { tifInVeClear: 'owner' },
    breaks: 'no-nested-wait',
    summary: 'only the handler that set TIF_IN_VE clears it',
    title: 'The outer handler keeps its TIF_IN_VE: tifInVeClear = owner',
    description:
      "The fix of flag-cleared-by-nested: with tifInVeClear = owner a handler clears TIF_IN_VE only if it set it. The first nested #VE suspends and returns without touching the outer handler's flag, so the second nested #VE finds TIF_IN_VE set and suspends too; only the outer handler parks the task, and no-nested-wait holds.",
    narration: [
      {
        at: 0,
        text: 'With tifInVeClear = owner a handler clears TIF_IN_VE only if it set it. Task app faults on 0x2000: CAN_CONTINUE, hypercall, the word is cleared.',
      },
      { at: 12, text: 'Before it waits, the handler touches 0x3000 (and then 0x4000): a nested #VE.' },
      {
        at: 20,
        text: 'TIF_IN_VE is set by the outer handler: the nested handler suspends (SUSPEND_ME), as in the mail.',
      },
      {
        at: 34,
        text: "On its way out the nested handler leaves TIF_IN_VE alone: it found the flag set, so the flag is the outer handler's.",
      },
      { at: 36, text: 'The handler touches 0x4000: another nested #VE.' },
      {
        at: 44,
        text: 'TIF_IN_VE is still set, so this nested handler suspends too (SUSPEND_ME) instead of parking app inside its own handler.',
      },
      { at: 64, text: 'It leaves the flag alone as well, and the access to 0x4000 is retried: a hit.' },
      {
        at: 66,
        text: 'Only the outer handler waits: app parks on info[0] with no other #VE frame beneath it, so no-nested-wait holds.',
      },
      { at: 70, text: 'The host brings 0x2000 in and injects the completion; app is woken.' },
      {
        at: 82,
        text: 'The outer handler, the one that set TIF_IN_VE, clears it on its way out. Nothing broke.',
      },
    ],
    divergesAt: 34,
  },
  {
    preset: 'bug-on-despite-check',
    variant: { smClear: 'after-release' },
    breaks: 'no-bug',
    summary: 'the SUSPEND_ME path frees its slot before it re-arms #VE',
    title: 'The slot is freed before #VE is re-armed: smClear = after-release',
    description:
      'The fix of bug-on-despite-check: with smClear = after-release ve.sm.clear comes after ve.clear_bit. In the window where the mail as written takes a #VE with the bitmap full, the busy word is still set, so the same access is a VM exit; the slot is freed before #VE is re-armed and BUG_ON cannot fire.',
    narration: [
      {
        at: 0,
        text: 'With smClear = after-release the SUSPEND_ME path frees its slot before it re-arms #VE. N_ENTRIES = 2. Task a faults on 0x2000 and parks on info[0].',
      },
      { at: 13, text: 'Task b faults on 0x3000 and takes info[1], the last slot.' },
      { at: 21, text: 'bitmap_full() is true: SUSPEND_ME. So far the check does its job.' },
      { at: 29, text: 'The page is in: the host writes RESOLVED and resumes the vCPU.' },
      {
        at: 32,
        text: 'No re-arm yet: the handler reads RESOLVED with the busy word still set and info[1] still taken.',
      },
      {
        at: 34,
        text: 'In that window the handler touches 0x4000: busy is set, so a VM exit, not a #VE; the host suspends the vCPU until 0x4000 is in.',
      },
      { at: 42, text: 'The access is retried and hits.' },
      {
        at: 43,
        text: 'Now clear_bit frees info[1], and only then does ve.sm.clear re-arm #VE: a later #VE finds a free slot.',
      },
      { at: 70, text: "a's completion arrives: woken, it retries its access. No BUG_ON, nothing broke." },
    ],
    divergesAt: 32,
  },
];

export function fixOf(preset: string): PresetFix | undefined {
  return PRESET_FIXES.find((f) => f.preset === preset);
}

/** The same run under the fix: machine and actions kept, the variant fixed, the fix's words. */
export function fixedScenario(scenario: Scenario, fix: PresetFix): Scenario {
  return {
    ...scenario,
    title: fix.title,
    description: fix.description,
    narration: fix.narration.map((c) => ({ ...c })),
    config: { ...scenario.config, variant: { ...scenario.config.variant, ...fix.variant } },
  };
}

/** The same run as the preset has it (the mail's flaw), from its fixed variant: the way back. */
export function flawedScenario(scenario: Scenario, preset: Scenario): Scenario {
  return {
    ...scenario,
    title: preset.title,
    description: preset.description,
    narration: preset.narration?.map((c) => ({ ...c })),
    config: { ...scenario.config, variant: { ...preset.config.variant } },
  };
}
