/**
 * Compares a run of the engine with the reference model on what the acceptance checks look at:
 * the events (step, actor, kind), the outcome, the step count and the final vCPUs and tasks.
 */
import { runScenario } from '../../src/engine';
import type { Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share';
import { runReference } from './model';

export interface Difference {
  /** First differing step (events), or -1 when only outcome / final state differ. */
  step: number;
  what: string;
}

function key(e: { step: number; actor: string; kind: string } | undefined): string {
  return e ? `${e.step} ${e.actor} ${e.kind}` : '(none)';
}

export function compareRun(sc: Scenario, maxSteps = 2000): Difference | null {
  const ours = runScenario(sc, { maxSteps });
  const ref = runReference(sc, maxSteps);
  const ev = ours.events ?? [];
  const n = Math.max(ev.length, ref.events.length);
  for (let i = 0; i < n; i++) {
    const a = key(ev[i]);
    const b = key(ref.events[i]);
    if (a !== b)
      return { step: ev[i]?.step ?? ref.events[i]!.step, what: `event #${i}: engine ${a} / model ${b}` };
  }
  if (ours.outcome !== ref.outcome)
    return { step: -1, what: `outcome: engine ${ours.outcome} / model ${ref.outcome}` };
  if (ours.steps !== ref.steps) return { step: -1, what: `steps: engine ${ours.steps} / model ${ref.steps}` };
  const f = ours.final!;
  const engineFinal = JSON.stringify({
    vcpus: f.vcpus.map((v) => ({
      state: v.state,
      busy: v.busy,
      active: v.active,
      guestCurrent: v.guestCurrent,
      hostCurrent: v.hostCurrent,
      slots: v.slots.map((x) => ({ state: x.state })),
    })),
    tasks: f.tasks.map((t) => ({ vcpu: t.vcpu, name: t.name, status: t.status, signal: t.signal })),
  });
  const modelFinal = JSON.stringify(ref.final);
  if (engineFinal !== modelFinal)
    return { step: -1, what: `final: engine ${engineFinal}\n       model  ${modelFinal}` };
  const inv = (vs: { invariant: string }[]): string =>
    [...new Set(vs.map((v) => v.invariant))].sort().join(',');
  if (inv(ours.violations) !== inv(ref.violations))
    return { step: -1, what: `violations: engine ${inv(ours.violations)} / model ${inv(ref.violations)}` };
  return null;
}

export function parsed(json: unknown): Scenario | null {
  const r = parseScenario(json);
  return r.ok ? r.scenario : null;
}
