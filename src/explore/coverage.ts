/**
 * Coverage: how much of an exploration a hand-played run has visited. The run is replayed with
 * the engine (deterministic, so these are exactly the playground's states) and every state after
 * an executed step is encoded into the explorer's state vector (vector.ts) and looked up in the
 * visited set.
 *
 * Only sound answers: the remaining-access budget is part of an explored state, so the run's
 * `access` actions must be among the exploration's accesses (within their `times`); from the first
 * one that is not, the run has left the explored space and later states are not counted. A state
 * reached at other ticks or in latency timing is the same state if it encodes equal (clocks do
 * not count); one the explorer never met is simply not found.
 */
import { DEFAULT_VARIANT, gpaValue, startRun, tick, type Scenario } from '../engine';
import type { Exploration } from './explore';

export interface Coverage {
  /** Distinct explored states this run has been in (step 0 up to the current position). */
  visited: number;
  /** States in the exploration. */
  total: number;
  /** Distinct states of the run the explorer never met (before the run left the explored space). */
  outside: number;
  /** The tick at which the run left the explored space (an access beyond the budget), or null. */
  leftAt: number | null;
  /** False when the scenario is not the explored machine and variant (nothing is counted). */
  sameMachine: boolean;
  /** `kind:name` of the exploration's findings this run has reached so far. */
  reached: string[];
}

/** The part of a scenario the explorer explores: the machine and the variant, not the timing. */
export function machineKey(s: Scenario): string {
  const c = s.config;
  return JSON.stringify({
    entries: c.entries,
    variant: { ...DEFAULT_VARIANT, ...c.variant },
    vcpus: c.vcpus,
    pages: c.pages.map((p) => ({ gpa: gpaValue(p.gpa), backing: p.backing, suppressVe: p.suppressVe })),
  });
}

/** Coverage of `ex` by the run of `scenario` from step 0 to tick `at`. */
export function coverage(ex: Exploration, scenario: Scenario, at: number): Coverage {
  const run = startRun(scenario);
  const m = ex.machine;
  const total = ex.visited.size;
  const sameMachine =
    machineKey(scenario) === machineKey(ex.input) &&
    run.machine.gpas.length === m.gpas.length &&
    run.machine.gpas.every((g, i) => gpaValue(g) === gpaValue(m.gpas[i]!));
  if (!sameMachine) return { visited: 0, total, outside: 0, leftAt: null, sameMachine, reached: [] };

  const budget = ex.accesses.map((a) => a.times);
  const accesses = scenario.actions.flatMap((a) => (a.type === 'access' ? [a] : []));
  let nextAccess = 0;
  let leftAt: number | null = null;
  const seen = new Set<number>();
  const outside = new Set<string>();
  const look = (): void => {
    ex.vector.encode(run.state, budget);
    ex.vector.hash();
    const { h1, h2 } = ex.vector;
    const index = ex.visited.find(h1, h2);
    if (index >= 0) seen.add(index);
    else outside.add(h1 + ':' + h2);
  };
  look();
  while (run.state.tick < at) {
    const t = run.state.tick;
    // The accesses this tick applies come out of the budget, as in the explorer.
    while (leftAt === null && nextAccess < accesses.length && accesses[nextAccess]!.at <= t) {
      const a = accesses[nextAccess++]!;
      const k = ex.accesses.findIndex(
        (e, i) => e.vcpu === a.vcpu && gpaValue(e.gpa) === gpaValue(a.gpa) && budget[i]! > 0,
      );
      if (k < 0) leftAt = t;
      else budget[k]!--;
    }
    if (!tick(run)) break;
    if (leftAt === null) look();
  }
  const reached: string[] = [];
  for (const f of ex.findings.values()) {
    const hit =
      f.kind === 'invariant'
        ? run.state.violations.some((v) => v.invariant === f.name)
        : run.state.outcome === f.name;
    if (hit) reached.push(`${f.kind}:${f.name}`);
  }
  return { visited: seen.size, total, outside: outside.size, leftAt, sameMachine, reached };
}
