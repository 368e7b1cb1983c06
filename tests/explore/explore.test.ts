/**
 * The explorer against explore.md: the table of expected findings on the mail's machine, every
 * counterexample replayed through the engine, determinism, and the maxStates bound.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  explore,
  startExploration,
  advance,
  progress,
  report,
  type ExploreReport,
} from '../../src/explore/explore';
import type { Variant } from '../../src/engine';
import { findingKeys, mailMachine, preset, replayMismatch, withoutSeconds } from './helpers';

const FIXES: Partial<Variant> = { tifInVeClear: 'owner', smClear: 'after-release' };

/** explore.md "Expected results on the mail". */
const TABLE: { label: string; variant: Partial<Variant>; findings: string[] }[] = [
  {
    label: '{} (the mail as written)',
    variant: {},
    findings: ['invariant:no-bug', 'invariant:no-nested-wait', 'outcome:bug'],
  },
  {
    label: 'tifInVeClear owner',
    variant: { tifInVeClear: 'owner' },
    findings: ['invariant:no-bug', 'outcome:bug'],
  },
  {
    label: 'smClear after-release',
    variant: { smClear: 'after-release' },
    findings: ['invariant:no-nested-wait'],
  },
  { label: 'both fixes', variant: FIXES, findings: [] },
  {
    label: 'both fixes + injectWhen always',
    variant: { ...FIXES, injectWhen: 'always' },
    findings: ['invariant:host-current-consumed'],
  },
];

const reports = new Map<string, ExploreReport>();
function reportOf(label: string): ExploreReport {
  const r = reports.get(label);
  if (!r) throw new Error(`no report for ${label}`);
  return r;
}

beforeAll(() => {
  for (const row of TABLE) reports.set(row.label, explore(mailMachine(row.variant)));
}, 120_000);

describe('explore.md table on the mail machine', () => {
  for (const row of TABLE) {
    it(`${row.label}: ${row.findings.join(', ') || 'no findings'}`, () => {
      const r = reportOf(row.label);
      expect(r.complete).toBe(true);
      expect(findingKeys(r)).toEqual(row.findings);
      // Every state counted at rest or terminal is one of the outcomes; no quiescent finding.
      expect(r.findings.some((f) => f.kind === 'outcome' && f.name === 'quiescent')).toBe(false);
      expect(r.states).toBeGreaterThan(10_000);
      expect(r.transitions).toBeGreaterThanOrEqual(r.states - 1);
    });
  }

  it('{}: shortest no-bug and bug in 33 steps, no-nested-wait in 54', () => {
    const r = reportOf(TABLE[0]!.label);
    const steps = Object.fromEntries(r.findings.map((f) => [`${f.kind}:${f.name}`, f.steps]));
    expect(steps).toEqual({ 'invariant:no-bug': 33, 'outcome:bug': 33, 'invariant:no-nested-wait': 54 });
    expect(r.outcomes.bug).toBeGreaterThan(0);
  });

  it('{}: the counts of explore.md revision 2 that do not depend on how states are identified', () => {
    // Idle tasks yield (rule 6.8): 58 quiescent states, longest shortest path 77 (explore.md's
    // example report); the total of states depends on the encoding (explore.md "your count may
    // differ"), so only its order of magnitude is checked.
    const r = reportOf(TABLE[0]!.label);
    expect(r.outcomes.quiescent).toBe(58);
    expect(r.depth).toBe(77);
    expect(r.states).toBeGreaterThan(100_000);
    expect(r.states).toBeLessThan(250_000);
  });

  it('every finding replays through the engine to exactly that finding', () => {
    for (const row of TABLE) {
      for (const f of reportOf(row.label).findings) {
        expect(f.scenario.config.scheduler).toBe('manual');
        expect(f.scenario.config.timing).toBe('free');
        expect(replayMismatch(f), `${row.label}: ${f.kind}:${f.name}`).toBeNull();
      }
    }
  });

  it('the same exploration twice gives the same report (except seconds)', () => {
    const again = explore(mailMachine({}));
    expect(withoutSeconds(again)).toEqual(withoutSeconds(reportOf(TABLE[0]!.label)));
  }, 60_000);
});

describe('bounds and slices', () => {
  it('maxStates small: incomplete, and never more states than the bound', () => {
    for (const maxStates of [1, 50, 1000]) {
      const r = explore(mailMachine({}), { maxStates });
      expect(r.complete).toBe(false);
      expect(r.states).toBeLessThanOrEqual(maxStates);
      expect(r.states).toBeGreaterThan(0);
    }
  });

  it('the sliced API gives the same report as explore(), whatever the slice size', () => {
    const input = preset('lost-wakeup');
    const whole = withoutSeconds(explore(input));
    for (const slice of [1, 7, 500]) {
      const ex = startExploration(input);
      let lastStates = 0;
      while (!advance(ex, slice)) {
        const p = progress(ex);
        expect(p.states).toBeGreaterThanOrEqual(lastStates);
        lastStates = p.states;
      }
      expect(withoutSeconds(report(ex))).toEqual(whole);
    }
  }, 60_000);

  it('small presets: findings (hung, killed, panic included) replay to exactly that finding', () => {
    for (const name of ['lost-wakeup', 'nested-lost-vmexit', 'irqs-off-completion', 'fail-kernel-panic']) {
      const r = explore(preset(name));
      expect(r.complete).toBe(true);
      expect(r.findings.length).toBeGreaterThan(0);
      for (const f of r.findings) expect(replayMismatch(f), `${name}: ${f.kind}:${f.name}`).toBeNull();
    }
  });

  it('a preset without an explore block explores each page once on each vCPU', () => {
    const r = explore(preset('happy-user'));
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.outcomes.quiescent).toBeGreaterThan(0);
  });
});
