/**
 * The invariants of protocol.md §4 and the terminal outcomes. Most invariants are checked where
 * they can break (the step that would break them records it); `no-lost-wakeup` is checked over
 * every parked task after the steps that can take a waker away.
 */
import type { Machine } from './machine';
import type { InvariantName, Outcome } from './snapshot';
import type { State } from './state';

/** Records a violation once per (invariant, message) (rule 6.12). */
export function violate(s: State, invariant: InvariantName, message: string): void {
  for (const v of s.violations) if (v.invariant === invariant && v.message === message) return;
  s.violations.push({ step: s.tick, invariant, message });
}

/** panic / killed / bug: every vCPU is dead and the run ends after this step. */
export function terminate(s: State, outcome: Outcome, message: string): void {
  s.outcome = outcome;
  s.message = message;
  for (const v of s.vcpus) v.dead = true;
}

/** Whether something will wake the task parked on (vp, idx) — rule 6.11. */
export function hasWaker(s: State, vp: number, idx: number): boolean {
  for (const r of s.resolutions) if (r.kind === 'hypercall' && r.vcpu === vp && r.idx === idx) return true;
  for (const j of s.injections) if (j.vcpu === vp && j.idx === idx) return true;
  const v = s.vcpus[vp]!;
  for (const f of v.irq) {
    if (f.kind !== 'gc') continue;
    if (f.pc === 'gc.info' ? v.hostCurrent === idx : f.info === idx) return true;
  }
  return false;
}

export function checkWakeups(m: Machine, s: State): void {
  for (const t of s.tasks) {
    if (t.status !== 'parked' || hasWaker(s, t.parkedVp, t.parkedIdx)) continue;
    violate(
      s,
      'no-lost-wakeup',
      `task ${taskName(m, t.home, t.name)} is parked on info[${t.parkedIdx}] of vCPU ${t.parkedVp} and nothing will wake it`,
    );
  }
}

export function taskName(m: Machine, home: number, name: string): string {
  return m.nVcpus > 1 ? `vcpu${home}/${name}` : name;
}
