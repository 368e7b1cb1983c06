/**
 * The plain reference explorer the benchmark's ratio is taken against (issue 13, item 7): the
 * same search as src/explore (explore.md "What is explored", the same states told apart the same
 * way), written the straightforward way — every successor a `cloneState`, states told apart by a
 * JSON string of their canonical content in a `Set`, the frontier a queue of State objects. No
 * packing, no hashing of our own. It counts states and transitions only (no findings).
 */
import {
  applyAccess,
  beginTick,
  cloneState,
  compile,
  enabledActors,
  execute,
  initialState,
  nextLabel,
  pageIndex,
  pageInChoices,
  type Scenario,
  type State,
} from '../src/engine';
import type { Injection, Resolution } from '../src/engine/state';
import { defaultAccesses } from '../src/explore/explore';

function age(w: Resolution | Injection): number {
  return 'kind' in w ? w.age : w.queuedAt;
}

/** explore.md "Two states are the same": clocks, ids, derived counters and violations left out. */
function key(s: State, budget: number[]): string {
  const inFlight = s.resolutions
    .filter((r) => !r.finished)
    .sort((a, b) => a.startedAt - b.startedAt || a.id - b.id)
    .map((r) => [r.kind, r.vcpu, r.idx, r.page]);
  const ready = [...s.resolutions.filter((r) => r.finished), ...s.injections]
    .sort((a, b) => age(a) - age(b) || a.id - b.id)
    .map((w) =>
      'kind' in w
        ? [w.kind, w.vcpu, w.idx, w.page, w.result, w.phase, w.read]
        : ['inj', w.vcpu, w.idx, w.phase],
    );
  return JSON.stringify([
    s.outcome,
    s.vcpus.map((v) => ({
      ...v,
      waiting: 0,
      busy: v.busy !== 0,
      exit: v.exit && [v.exit.page, v.exit.res >= 0],
    })),
    s.tasks,
    s.pages.map((p) => [p.backing, p.suppressVe]),
    inFlight,
    ready,
    budget,
  ]);
}

export interface ReferenceResult {
  states: number;
  transitions: number;
  complete: boolean;
}

export function referenceExplore(input: Scenario, maxStates = Infinity): ReferenceResult {
  const m = compile({
    ...input,
    config: { ...input.config, timing: 'free', scheduler: 'manual' },
    actions: [],
  });
  const accesses = (input.explore?.accesses ?? defaultAccesses(input)).map((a) => ({
    vcpu: a.vcpu,
    page: pageIndex(m, a.gpa),
  }));
  const start = initialState(m);
  const startBudget = (input.explore?.accesses ?? defaultAccesses(input)).map((a) => a.times);
  const seen = new Set<string>([key(start, startBudget)]);
  let queue: { state: State; budget: number[] }[] = [{ state: start, budget: startBudget }];
  let transitions = 0;
  while (queue.length > 0) {
    const next: { state: State; budget: number[] }[] = [];
    for (const { state, budget } of queue) {
      for (let c = -1; c < accesses.length; c++) {
        if (c >= 0 && budget[c]! <= 0) continue;
        const base = cloneState(state);
        let nextBudget = budget;
        if (c >= 0) {
          applyAccess(base, accesses[c]!.vcpu, accesses[c]!.page);
          nextBudget = budget.map((b, i) => (i === c ? b - 1 : b));
        }
        beginTick(m, base);
        for (const a of enabledActors(m, base)) {
          const pageIns = a === m.nVcpus ? pageInChoices(base) : [];
          const variants =
            a !== m.nVcpus ? [null] : nextLabel(m, base, a) !== 'host.page_in' ? [null, ...pageIns] : pageIns;
          for (const p of variants) {
            const succ = cloneState(base);
            execute(m, succ, a, p);
            transitions++;
            const k = key(succ, nextBudget);
            if (seen.has(k)) continue;
            seen.add(k);
            if (seen.size >= maxStates) return { states: seen.size, transitions, complete: false };
            if (!succ.outcome) next.push({ state: succ, budget: nextBudget });
          }
        }
      }
    }
    queue = next;
  }
  return { states: seen.size, transitions, complete: true };
}
