/**
 * Seeded random scenarios for the differential test: 1–3 vCPUs, 1–3 tasks each, 1–8 entries,
 * 1–4 pages of every backing, up to 12 actions (access / set-task / set-page / pick), any variant,
 * both timings, all schedulers. Built as scenario JSON, as a user would write it.
 */
import { seededRandom } from '../../src/engine/prng';

export function randomScenarioJson(seed: number): Record<string, unknown> {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number): boolean => rnd() < p;

  const vcpus = Array.from({ length: int(1, 3) }, () => ({
    tasks: Array.from({ length: int(1, 3) }, (_, i) => ({
      name: `t${i}`,
      mode: pick(['user', 'kernel'] as const),
      preemptible: chance(0.6),
      irqsOff: chance(0.15),
      fixup: chance(0.5),
    })),
  }));
  const pages = Array.from({ length: int(1, 4) }, (_, i) => {
    const page: Record<string, unknown> = {
      gpa: '0x' + ((i + 2) * 0x1000).toString(16),
      backing: pick(['present', 'swapped', 'swapped', 'swapped', 'lost'] as const),
      suppressVe: chance(0.1),
    };
    if (chance(0.8)) page.latency = int(0, 20);
    return page;
  });
  const scheduler = pick(['round-robin', 'random', 'manual'] as const);
  const timing = chance(0.3) ? 'free' : 'latency';
  const variant: Record<string, unknown> = {};
  if (chance(0.2)) variant.injectWhen = 'always';
  if (chance(0.2)) variant.reentrancyClear = 'at-entry';
  if (chance(0.2)) variant.bitmapFullCheck = false;
  if (chance(0.2)) variant.migrateOnWake = true;
  if (chance(0.3)) variant.tifInVeClear = 'owner';
  if (chance(0.3)) variant.smClear = 'after-release';

  const actions: Record<string, unknown>[] = [];
  const pickSteps = new Set<number>();
  const horizon = timing === 'free' ? 40 : 60;
  for (let k = int(1, 12); k > 0; k--) {
    const at = int(0, horizon);
    const r = rnd();
    const vcpu = int(0, vcpus.length - 1);
    const gpa = pick(pages).gpa;
    if (r < 0.55) actions.push({ at, type: 'access', vcpu, gpa: chance(0.05) ? '0x9000' : gpa });
    else if (r < 0.68) {
      const fields: Record<string, unknown> = {};
      if (chance(0.6)) fields.mode = pick(['user', 'kernel'] as const);
      if (chance(0.5)) fields.preemptible = chance(0.5);
      if (chance(0.3)) fields.irqsOff = chance(0.5);
      if (chance(0.3)) fields.fixup = chance(0.5);
      actions.push({ at, type: 'set-task', vcpu, task: pick(vcpus[vcpu]!.tasks).name, ...fields });
    } else if (r < 0.8) {
      const fields: Record<string, unknown> = {};
      if (chance(0.7)) fields.backing = pick(['present', 'swapped', 'lost'] as const);
      if (chance(0.5)) fields.latency = int(0, 20);
      if (chance(0.2)) fields.suppressVe = chance(0.5);
      actions.push({ at, type: 'set-page', gpa, ...fields });
    } else if (scheduler === 'manual' && !pickSteps.has(at)) {
      pickSteps.add(at);
      const actor = chance(0.4) ? 'host' : `vcpu${vcpu}`;
      const p: Record<string, unknown> = { at, type: 'pick', actor };
      if (actor === 'host' && timing === 'free' && chance(0.5)) p.pageIn = gpa;
      actions.push(p);
    } else actions.push({ at, type: 'access', vcpu, gpa });
  }
  const sorted = actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(x.a.at) - Number(y.a.at) || x.i - y.i);

  return {
    format: 've-playground/scenario',
    version: 1,
    config: {
      entries: int(1, 8) > 5 ? int(1, 8) : int(1, 3),
      seed: int(0, 1000),
      scheduler,
      timing,
      variant,
      vcpus,
      pages,
    },
    actions: sorted.map((x) => x.a),
  };
}
