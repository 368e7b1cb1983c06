/**
 * A long, busy run for time-travel tests and the time-travel benchmark: two vCPUs like the
 * playground, eight swapped pages, an access every ~`gap` ticks (each right after a set-page that
 * swaps its page out again, so nearly every access faults), random scheduler, both fixes on so
 * that no BUG_ON ends the run early. Deterministic: the same arguments give the same scenario.
 */
import { seededRandom, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share';

const gpa = (i: number) => '0x' + ((i + 2) * 0x1000).toString(16);

export function longScenario(steps: number, gap = 20, seed = 20200408): Scenario {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const PAGES = 8;
  const actions: Record<string, unknown>[] = [];
  for (let at = 5; at < steps - 1; at += 1 + int(2 * gap)) {
    const page = gpa(int(PAGES));
    actions.push({ at, type: 'set-page', gpa: page, backing: 'swapped', latency: 1 + int(30) });
    actions.push({ at: at + 1, type: 'access', vcpu: int(2), gpa: page });
  }
  actions.sort((a, b) => Number(a.at) - Number(b.at));
  const tasks = [
    { name: 'app', mode: 'user' },
    { name: 'kworker', mode: 'kernel', preemptible: true, fixup: true },
  ];
  const parsed = parseScenario({
    format: 've-playground/scenario',
    version: 1,
    title: `long run (${steps} steps)`,
    config: {
      entries: 4,
      seed: 7,
      scheduler: 'random',
      variant: { tifInVeClear: 'owner', smClear: 'after-release' },
      vcpus: [{ tasks }, { tasks }],
      pages: Array.from({ length: PAGES }, (_, i) => ({ gpa: gpa(i), backing: 'swapped', latency: 10 })),
    },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}
