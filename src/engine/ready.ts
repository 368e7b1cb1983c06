/**
 * The ready-actor set: which actors can step now (`nextLabel(…) !== null`), kept up to date from
 * what a step or the start of a tick can change, instead of asking every actor every tick. An
 * actor's entry is forgotten (and recomputed when next asked) only when something it reads may
 * have changed:
 *
 *   - a vCPU's step: that vCPU; the host when host work was added or removed, or while a
 *     completion for that vCPU is queued (whether it can be injected reads its IF); everyone after
 *     `gc.wake` on a machine of several vCPUs (the woken task may run on another vCPU);
 *   - a host step: the host and the vCPU its work was for (the event's `vcpu`; a page-in has none);
 *   - a step that ends the run (panic, kill, BUG_ON: every vCPU dead): everyone;
 *   - the start of a tick: an access → its vCPU; set-page, set-task or a yield → everyone; a
 *     page-in finishing → the host.
 *
 * A cache, not machine state: it lives beside the State it describes (`Run.ready`), is never
 * cloned or hashed, and a clone (or another machine) starts with everything unknown.
 */
import type { Machine } from './machine';
import type { State } from './state';
import type { VcpuLabel } from './labels';
import type { Detail } from './detail';
import { nextVcpuLabel } from './vcpu';
import { nextHostLabel } from './host';

const UNKNOWN = 0;
const READY = 1;
const BLOCKED = 2;

export interface ReadySet {
  /** The state and machine the entries describe. */
  readonly state: State;
  readonly machine: Machine;
  /** Per actor (vCPUs, then the host): UNKNOWN, READY or BLOCKED. */
  readonly known: Uint8Array;
  /** Scratch for the random scheduler: the actors that can step, in actor order. */
  readonly enabled: Int32Array;
}

/** The ready set of a run's current state and machine: the one it holds, or a new one (all unknown). */
export function readySetOf(run: { readonly machine: Machine; state: State; ready?: ReadySet }): ReadySet {
  const rs = run.ready;
  if (rs && rs.state === run.state && rs.machine === run.machine) return rs;
  const n = run.machine.nVcpus + 1;
  const fresh: ReadySet = {
    state: run.state,
    machine: run.machine,
    known: new Uint8Array(n),
    enabled: new Int32Array(n),
  };
  run.ready = fresh;
  return fresh;
}

function scan(m: Machine, s: State, a: number): boolean {
  return (a < m.nVcpus ? nextVcpuLabel(s, s.vcpus[a]!) : nextHostLabel(m, s)) !== null;
}

/** Whether actor `a` can step now. */
export function canStep(rs: ReadySet, a: number): boolean {
  let k = rs.known[a]!;
  if (k === UNKNOWN) {
    k = scan(rs.machine, rs.state, a) ? READY : BLOCKED;
    rs.known[a] = k;
  }
  return k === READY;
}

export function forget(rs: ReadySet | null, a: number): void {
  if (rs) rs.known[a] = UNKNOWN;
}

export function forgetAll(rs: ReadySet | null): void {
  if (rs) rs.known.fill(UNKNOWN);
}

/**
 * After vCPU `a` executed `label`; `work` is the number of resolutions and injections before it.
 */
export function noteVcpuStep(rs: ReadySet, a: number, label: VcpuLabel, work: number): void {
  const s = rs.state;
  // A panic, kill or BUG_ON ends the run with every vCPU dead.
  if (s.outcome || (label === 'gc.wake' && rs.machine.nVcpus > 1)) return forgetAll(rs);
  rs.known[a] = UNKNOWN;
  const host = rs.machine.nVcpus;
  if (s.resolutions.length + s.injections.length !== work) rs.known[host] = UNKNOWN;
  // Whether a queued completion can be injected reads its vCPU only (IF, in guest, #VE due).
  else for (const j of s.injections) if (j.vcpu === a) rs.known[host] = UNKNOWN;
}

/** After a host step with event detail `detail`. */
export function noteHostStep(rs: ReadySet, detail: Detail): void {
  if (rs.state.outcome) return forgetAll(rs);
  rs.known[rs.machine.nVcpus] = UNKNOWN;
  const v = detail.vcpu;
  if (typeof v === 'number') rs.known[v] = UNKNOWN;
}

/** The entries that disagree with asking every actor now, in words; null when none (for tests). */
export function readyDisagreement(rs: ReadySet): string | null {
  const wrong: string[] = [];
  for (let a = 0; a < rs.known.length; a++) {
    const k = rs.known[a]!;
    if (k !== UNKNOWN && (k === READY) !== scan(rs.machine, rs.state, a))
      wrong.push(`actor ${a} ${k === READY ? 'ready' : 'blocked'} in the set, not by its state`);
  }
  return wrong.length > 0 ? `tick ${rs.state.tick}: ${wrong.join('; ')}` : null;
}
