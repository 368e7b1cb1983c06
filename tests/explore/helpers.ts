/** Shared helpers of the explorer tests: the explore.md machine, variants, and replaying findings. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../src/share';
import {
  applyAccess,
  compile,
  enabledActors,
  execute,
  initialState,
  pageInChoices,
  seededRandom,
  runScenario,
  type Scenario,
  type State,
  type Variant,
} from '../../src/engine';
import { defaultAccesses, type ExploreReport, type Finding } from '../../src/explore/explore';

export const ROOT = resolve(__dirname, '../..');

export function parseOrThrow(value: unknown): Scenario {
  const r = parseScenario(value);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

function loadJson(path: string): Scenario {
  return parseOrThrow(JSON.parse(readFileSync(path, 'utf8')) as unknown);
}

/** The machine of explore.md's table: one vCPU, tasks a and b, entries 2, three swapped pages. */
export function mailMachine(variant: Partial<Variant> = {}): Scenario {
  const s = loadJson(join(__dirname, 'fixtures/mail-machine.json'));
  return { ...s, config: { ...s.config, variant: { ...s.config.variant, ...variant } } };
}

export function preset(name: string): Scenario {
  return loadJson(join(ROOT, 'public/scenarios', name + '.json'));
}

/** `kind:name` of every finding, sorted. */
export function findingKeys(report: ExploreReport): string[] {
  return report.findings.map((f) => `${f.kind}:${f.name}`).sort();
}

export function withoutSeconds(report: ExploreReport): Omit<ExploreReport, 'seconds'> {
  const { seconds: _s, ...rest } = report;
  void _s;
  return rest;
}

/**
 * Replays a finding's scenario with the engine and checks that it is the counterexample it claims:
 * the invariant breaks (for the first time) at step `steps - 1`, or the run ends with that outcome
 * after `steps` steps. Returns a description of what went wrong, or null.
 */
export function replayMismatch(f: Finding): string | null {
  const run = runScenario(f.scenario, { events: false, maxSteps: f.steps + 10 });
  if (f.kind === 'invariant') {
    const first = run.violations.find((v) => v.invariant === f.name);
    if (!first) return `${f.name}: the replay never breaks it (outcome ${run.outcome} at ${run.steps})`;
    if (first.step !== f.steps - 1) return `${f.name}: broken at step ${first.step}, expected ${f.steps - 1}`;
    return null;
  }
  if (run.outcome !== f.name)
    return `outcome ${f.name}: the replay ends ${run.outcome} (${run.message ?? ''})`;
  if (run.steps !== f.steps)
    return `outcome ${f.name}: the replay ends after ${run.steps} steps, expected ${f.steps}`;
  return null;
}

/** Random walks in free timing with random accesses; `visit` sees every state on the way. */
export function walk(input: Scenario, seed: number, visit: (s: State) => void): void {
  const scenario: Scenario = { ...input, config: { ...input.config, timing: 'free' }, actions: [] };
  const m = compile(scenario);
  const accesses = (input.explore?.accesses ?? defaultAccesses(input)).map((a) => ({
    vcpu: a.vcpu,
    page: m.pageByValue.get(Number(a.gpa))!,
  }));
  const rnd = seededRandom(seed);
  for (let w = 0; w < 20; w++) {
    const s = initialState(m);
    for (let n = 0; n < 120 && !s.outcome; n++) {
      if (rnd() < 0.15) {
        const a = accesses[Math.floor(rnd() * accesses.length)]!;
        applyAccess(s, a.vcpu, a.page);
      }
      const actors = enabledActors(m, s);
      if (actors.length === 0) break;
      const actor = actors[Math.floor(rnd() * actors.length)]!;
      const pageIns = actor === m.nVcpus ? pageInChoices(s) : [];
      const p = pageIns.length > 0 && rnd() < 0.5 ? pageIns[Math.floor(rnd() * pageIns.length)]! : null;
      execute(m, s, actor, p);
      visit(s);
    }
  }
}
