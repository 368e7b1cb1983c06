/**
 * Property-based runs (fast-check) over random machines and action sequences (arbitraries.ts):
 * what may break under the mail as written, that nothing breaks with both fixes, that each bug
 * switch breaks the invariant protocol.md §3 names, and that every run ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine';
import type { Report, Scenario, Variant } from '../../src/engine';
import { actionsArb, buildScenario, machineArb, scenarioJson } from './arbitraries';
import type { MachineShape, RawAction } from './arbitraries';
import { broken, parseOrThrow } from './helpers';

const MAX_STEPS = 5000;
const RUNS = 300;
const FIXES: Partial<Variant> = { tifInVeClear: 'owner', smClear: 'after-release' };

function play(scenario: Scenario): Report {
  return runScenario(scenario, { maxSteps: MAX_STEPS, events: false });
}

/** The scenario as JSON text, for failure messages (save it as a counterexample). */
function why(m: MachineShape, raw: RawAction[], variant: Partial<Variant>, r: Report): string {
  return `${r.outcome}: ${r.message ?? ''} ${JSON.stringify(r.violations)}\n${JSON.stringify(scenarioJson(m, raw, variant))}`;
}

const scenarioArb = fc.tuple(machineArb, actionsArb);

describe('properties over random scenarios', () => {
  it('generated scenarios are valid and every run ends within 5000 steps (all variants of interest)', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom<Partial<Variant>>(
          {},
          FIXES,
          { ...FIXES, migrateOnWake: true },
          { injectWhen: 'always' },
        ),
        ([m, raw], variant) => {
          const r = play(buildScenario(m, raw, variant));
          expect(r.outcome, why(m, raw, variant, r)).not.toBe('max-steps');
          expect(r.outcome, why(m, raw, variant, r)).not.toBe('invalid');
          expect(r.steps).toBeLessThanOrEqual(MAX_STEPS);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('(a) under {} only no-nested-wait and no-bug may break; outcome bug only with no-bug', () => {
    fc.assert(
      fc.property(scenarioArb, ([m, raw]) => {
        const r = play(buildScenario(m, raw, {}));
        const msg = why(m, raw, {}, r);
        expect(r.outcome, msg).not.toBe('max-steps');
        for (const inv of broken(r)) expect(['no-nested-wait', 'no-bug'], msg).toContain(inv);
        expect(r.outcome === 'bug', msg).toBe(broken(r).includes('no-bug'));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) with both fixes nothing breaks, no bug / Confused / kill_guest, and hung only behind IF=0', () => {
    fc.assert(
      fc.property(scenarioArb, ([m, raw]) => {
        const r = play(buildScenario(m, raw, FIXES));
        const msg = why(m, raw, FIXES, r);
        expect(r.violations, msg).toEqual([]);
        expect(r.outcome, msg).not.toBe('bug');
        expect(r.outcome, msg).not.toBe('max-steps');
        if (r.outcome === 'panic') expect(r.message, msg).toContain("I'm toast");
        if (r.outcome === 'killed') expect(r.message, msg).toContain('KVM_RUN failed with -EFAULT');
        if (r.outcome === 'hung') {
          expect(r.message, msg).toMatch(/can never be injected .*\(IF=0 for ever\)/);
          const holders = r.final!.vcpus.filter((v) => {
            const t = r.final!.tasks.find((x) => x.vcpu === v.index && x.name === v.currentTask);
            return t !== undefined && t.irqsOff;
          });
          expect(holders.length, msg).toBeGreaterThan(0);
        }
        if (r.outcome === 'quiescent') {
          // At rest with nothing broken: no task parked, nothing owed by the host.
          expect(
            r.final!.tasks.filter((t) => t.status === 'parked'),
            msg,
          ).toEqual([]);
          expect(r.final!.host.injections, msg).toEqual([]);
          expect(r.final!.host.resolutions, msg).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) migrateOnWake with both fixes breaks nothing', () => {
    const variant = { ...FIXES, migrateOnWake: true };
    fc.assert(
      fc.property(scenarioArb, ([m, raw]) => {
        const r = play(buildScenario(m, raw, variant));
        const msg = why(m, raw, variant, r);
        expect(r.violations, msg).toEqual([]);
        expect(r.outcome, msg).not.toBe('bug');
        expect(r.outcome, msg).not.toBe('max-steps');
        if (r.outcome === 'panic') expect(r.message, msg).toContain("I'm toast");
        if (r.outcome === 'killed') expect(r.message, msg).toContain('KVM_RUN failed with -EFAULT');
      }),
      { numRuns: RUNS },
    );
  });
});

// ------------------------------------------------------------------------------------------------
// (c) Each bug switch breaks the invariant protocol.md §3 names: a handmade scenario, and a
// targeted generator in which fast-check must find (and shrink) a scenario that breaks it.

function scenario(
  variant: Partial<Variant>,
  tasks: { name: string; mode?: string; preemptible?: boolean }[],
  pages: { gpa: string; latency: number }[],
  accesses: { at: number; gpa: string }[],
  entries = 4,
  sched: { scheduler?: string; seed?: number; picks?: { at: number; actor: string }[] } = {},
): Scenario {
  const actions: Record<string, unknown>[] = [
    ...accesses.map((a) => ({ ...a, type: 'access', vcpu: 0 })),
    ...(sched.picks ?? []).map((p) => ({ ...p, type: 'pick' })),
  ];
  return parseOrThrow({
    format: 've-playground/scenario',
    version: 1,
    config: {
      entries,
      variant,
      scheduler: sched.scheduler ?? 'round-robin',
      seed: sched.seed ?? 1,
      vcpus: [{ tasks }],
      pages: pages.map((p) => ({ ...p, backing: 'swapped' })),
    },
    actions: actions.sort((a, b) => (a.at as number) - (b.at as number)),
  });
}

/**
 * 2–4 accesses on one vCPU, on up to three swapped pages, close together in time; round robin or
 * the random scheduler (round robin never lets the host act between `inj.inject` and `gc.info`).
 */
const targetedArb = fc.record({
  tasks: fc.integer({ min: 2, max: 4 }),
  entries: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  random: fc.boolean(),
  latencies: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 3, maxLength: 3 }),
  accesses: fc.array(
    fc.record({
      // Gaps between consecutive accesses; 0 (two accesses in the same step) is common, because
      // the flaws need two nested faults inside a one-step window of the handler.
      gap: fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 15 }) },
      ),
      page: fc.integer({ min: 0, max: 2 }),
    }),
    {
      minLength: 2,
      maxLength: 4,
    },
  ),
});

type Targeted = typeof targetedArb extends fc.Arbitrary<infer T> ? T : never;

function targeted(variant: Partial<Variant>, t: Targeted): Scenario {
  const gpas = ['0x2000', '0x3000', '0x4000'];
  return scenario(
    variant,
    Array.from({ length: t.tasks }, (_, i) => ({ name: `u${i}` })),
    gpas.map((gpa, i) => ({ gpa, latency: t.latencies[i]! })),
    t.accesses.map((a, i) => ({
      at: t.accesses.slice(0, i + 1).reduce((sum, x) => sum + x.gap, 0),
      gpa: gpas[a.page]!,
    })),
    t.entries,
    { scheduler: t.random ? 'random' : 'round-robin', seed: t.seed },
  );
}

/** fast-check must find a scenario that breaks `invariant`; returns the shrunk one. */
function mustFind(variant: Partial<Variant>, invariant: string): Scenario {
  const result = fc.check(
    fc.property(targetedArb, (t) => !broken(play(targeted(variant, t))).includes(invariant)),
    { numRuns: 2000, seed: 42 },
  );
  expect(result.failed, `no scenario breaks ${invariant} under ${JSON.stringify(variant)}`).toBe(true);
  return targeted(variant, result.counterexample![0]);
}

describe('(c) each bug switch breaks the invariant it names', () => {
  it('injectWhen "always" → host-current-consumed (handmade: two completions back to back)', () => {
    // a parks on 0x2000, b on 0x3000; both completions are queued; the pick at 38 lets the host
    // write host_current for b's completion after injecting a's and before a's gc.info read it.
    const s = scenario(
      { injectWhen: 'always' },
      [{ name: 'a' }, { name: 'b' }, { name: 'k', mode: 'kernel' }],
      [
        { gpa: '0x2000', latency: 20 },
        { gpa: '0x3000', latency: 7 },
      ],
      [
        { at: 0, gpa: '0x2000' },
        { at: 13, gpa: '0x3000' },
      ],
      4,
      { scheduler: 'manual', picks: [{ at: 38, actor: 'host' }] },
    );
    const r = play(s);
    expect(broken(r)).toContain('host-current-consumed');
    expect(r.outcome).toBe('hung');
    // The same machine injecting at IF=1 only (the pick is then for a host with nothing to do,
    // so leave it out): nothing breaks.
    const ok = play({
      ...s,
      config: { ...s.config, variant: { ...s.config.variant, injectWhen: 'if1' } },
      actions: s.actions.filter((a) => a.type !== 'pick'),
    });
    expect(ok.violations).toEqual([]);
    expect(ok.outcome).toBe('quiescent');
  });

  it('injectWhen "always" → host-current-consumed (found by search)', () => {
    const s = mustFind({ injectWhen: 'always' }, 'host-current-consumed');
    expect(broken(play(s))).toContain('host-current-consumed');
  });

  it('reentrancyClear "at-entry" → ve-info-saved (handmade: a fault between the re-arm and ve.copy)', () => {
    // #VE at 0..1, ve.vp 2, ve.clear_entry 3; the access applied at 4 runs before ve.find.
    const s = scenario(
      { reentrancyClear: 'at-entry' },
      [{ name: 'app' }, { name: 'k', mode: 'kernel' }],
      [
        { gpa: '0x2000', latency: 5 },
        { gpa: '0x3000', latency: 5 },
      ],
      [
        { at: 0, gpa: '0x2000' },
        { at: 4, gpa: '0x3000' },
      ],
    );
    const r = play(s);
    expect(broken(r)).toContain('ve-info-saved');
    const ok = play({
      ...s,
      config: { ...s.config, variant: { ...s.config.variant, reentrancyClear: 'after-hypercall' } },
    });
    expect(ok.violations).toEqual([]);
  });

  it('reentrancyClear "at-entry" → ve-info-saved (found by search)', () => {
    const s = mustFind({ reentrancyClear: 'at-entry' }, 've-info-saved');
    expect(broken(play(s))).toContain('ve-info-saved');
  });

  it('bitmapFullCheck false → no-bug (handmade: more parked user tasks than slots)', () => {
    const s = scenario(
      { bitmapFullCheck: false },
      [{ name: 'a' }, { name: 'b' }],
      [
        { gpa: '0x2000', latency: 30 },
        { gpa: '0x3000', latency: 30 },
      ],
      [
        { at: 0, gpa: '0x2000' },
        { at: 13, gpa: '0x3000' },
      ],
      1,
    );
    const r = play(s);
    expect(r.outcome).toBe('bug');
    expect(broken(r)).toEqual(['no-bug']);
    const ok = play({
      ...s,
      config: { ...s.config, variant: { ...s.config.variant, bitmapFullCheck: true } },
    });
    expect(ok.outcome).toBe('quiescent');
    expect(ok.violations).toEqual([]);
  });

  it('bitmapFullCheck false → no-bug (found by search)', () => {
    const s = mustFind({ bitmapFullCheck: false }, 'no-bug');
    expect(play(s).outcome).toBe('bug');
  });
});

describe('the two flaws of the mail as written, and the fixes, on the targeted generator', () => {
  it('under {} a search finds no-nested-wait (flag-cleared-by-nested) and no-bug (bug-on-despite-check)', () => {
    const nested = mustFind({}, 'no-nested-wait');
    expect(broken(play(nested))).toEqual(['no-nested-wait']);
    const bug = mustFind({}, 'no-bug');
    expect(play(bug).outcome).toBe('bug');
    // Each counterexample is cured by its fix.
    const fixedNested = play({
      ...nested,
      config: { ...nested.config, variant: { ...nested.config.variant, ...FIXES } },
    });
    expect(fixedNested.violations).toEqual([]);
    const fixedBug = play({
      ...bug,
      config: { ...bug.config, variant: { ...bug.config.variant, ...FIXES } },
    });
    expect(fixedBug.violations).toEqual([]);
  });

  it('with both fixes nothing breaks on the targeted generator either', () => {
    fc.assert(
      fc.property(targetedArb, (t) => {
        const r = play(targeted(FIXES, t));
        expect(r.violations, JSON.stringify(t)).toEqual([]);
        expect(['quiescent', 'hung'], JSON.stringify(t)).toContain(r.outcome);
        expect(r.outcome, `${JSON.stringify(t)} ${r.message}`).toBe('quiescent');
      }),
      { numRuns: 1000 },
    );
  });
});
