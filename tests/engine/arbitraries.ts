/**
 * fast-check arbitraries for the property tests: random machines and action sequences, built as
 * scenario JSON (the format users write) and validated with parseScenario.
 */
import fc from 'fast-check';
import type { Scenario, Variant } from '../../src/engine';
import { parseOrThrow } from './helpers';

export interface MachineShape {
  vcpus: {
    name: string;
    mode: 'user' | 'kernel';
    preemptible: boolean;
    irqsOff: boolean;
    fixup: boolean;
  }[][];
  entries: number;
  pages: { gpa: string; backing: 'present' | 'swapped' | 'lost'; latency: number; suppressVe: boolean }[];
  scheduler: 'round-robin' | 'random';
  seed: number;
}

/** false 9 times out of 10. */
const mostlyFalse = fc.oneof(
  { arbitrary: fc.constant(false), weight: 9 },
  { arbitrary: fc.constant(true), weight: 1 },
);

const taskArb = fc.record({
  mode: fc.constantFrom('user' as const, 'kernel' as const),
  preemptible: fc.boolean(),
  irqsOff: mostlyFalse,
  fixup: fc.boolean(),
});

const pageArb = fc.record({
  backing: fc.oneof(
    { weight: 1, arbitrary: fc.constant('present' as const) },
    { weight: 6, arbitrary: fc.constant('swapped' as const) },
    { weight: 1, arbitrary: fc.constant('lost' as const) },
  ),
  latency: fc.integer({ min: 1, max: 30 }),
  suppressVe: mostlyFalse,
});

export const machineArb: fc.Arbitrary<MachineShape> = fc
  .record({
    vcpus: fc.array(fc.array(taskArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    entries: fc.integer({ min: 1, max: 4 }),
    pages: fc.array(pageArb, { minLength: 1, maxLength: 4 }),
    scheduler: fc.constantFrom('round-robin' as const, 'random' as const),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  })
  .map((m) => ({
    ...m,
    vcpus: m.vcpus.map((tasks) => tasks.map((t, i) => ({ name: `t${i}`, ...t }))),
    pages: m.pages.map((p, i) => ({ gpa: '0x' + ((i + 2) * 0x1000).toString(16), ...p })),
  }));

/** Raw action choices; indices are reduced modulo the machine's sizes when the scenario is built. */
const rawActionArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('access' as const),
      at: fc.integer({ min: 0, max: 80 }),
      vcpu: fc.nat(),
      page: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('set-task' as const),
      at: fc.integer({ min: 0, max: 80 }),
      vcpu: fc.nat(),
      task: fc.nat(),
      fields: fc.record(
        {
          mode: fc.constantFrom('user' as const, 'kernel' as const),
          preemptible: fc.boolean(),
          irqsOff: mostlyFalse,
          fixup: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('set-page' as const),
      at: fc.integer({ min: 0, max: 80 }),
      page: fc.nat(),
      fields: fc.record(
        {
          backing: fc.constantFrom('present' as const, 'swapped' as const, 'lost' as const),
          latency: fc.integer({ min: 1, max: 30 }),
          suppressVe: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    }),
  },
);

export type RawAction = typeof rawActionArb extends fc.Arbitrary<infer T> ? T : never;

/** 0–8 actions; `size: 'max'` so that long sequences (several faults in flight) are common. */
export const actionsArb = fc.array(rawActionArb, { maxLength: 8, size: 'max' });

/** The scenario JSON of a machine, its raw actions and a variant (what a user would write). */
export function scenarioJson(
  m: MachineShape,
  raw: RawAction[],
  variant: Partial<Variant> = {},
): Record<string, unknown> {
  const actions = raw
    .map((a) => {
      if (a.kind === 'access') {
        return {
          at: a.at,
          type: 'access',
          vcpu: a.vcpu % m.vcpus.length,
          gpa: m.pages[a.page % m.pages.length]!.gpa,
        };
      }
      if (a.kind === 'set-task') {
        const vcpu = a.vcpu % m.vcpus.length;
        const tasks = m.vcpus[vcpu]!;
        return { at: a.at, type: 'set-task', vcpu, task: tasks[a.task % tasks.length]!.name, ...a.fields };
      }
      return { at: a.at, type: 'set-page', gpa: m.pages[a.page % m.pages.length]!.gpa, ...a.fields };
    })
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map((x) => x.a);
  return {
    format: 've-playground/scenario',
    version: 1,
    config: {
      entries: m.entries,
      seed: m.seed,
      scheduler: m.scheduler,
      variant,
      vcpus: m.vcpus.map((tasks) => ({ tasks })),
      pages: m.pages,
    },
    actions,
  };
}

export function buildScenario(m: MachineShape, raw: RawAction[], variant: Partial<Variant> = {}): Scenario {
  return parseOrThrow(scenarioJson(m, raw, variant), 'generated scenario');
}
