/**
 * Navigation by meaning: from a Recording, the steps where a chosen value changes (the busy word
 * of a vCPU, the population of its `active` bitmap, one slot's state, one task's status), the
 * first invariant break, and the faults (#VE deliveries and EPT-violation VM exits).
 *
 * Positions are tick numbers as the step counter shows them: "a change at step p" means the value
 * read at step p differs from the one at step p - 1. Pure and deterministic; the value tracks
 * replay the recording's scenario (the engine is deterministic), so they belong in the worker for
 * long runs.
 */
import { startRun, tickOnce } from '../engine/run';
import type { TraceEvent } from '../engine';
import type { Recording } from './recording';
import { skipIdle } from '../worker/idleSkip';

export type TrackGroup = 'busy' | 'active' | 'slot' | 'task';

/** One value over the run: `values[k]` holds from `steps[k]` on (steps[0] = 0 is the initial value). */
export interface ValueTrack {
  /** Stable id: "busy:0", "active:1", "slot:0:2", "task:0/app". */
  id: string;
  group: TrackGroup;
  label: string;
  steps: number[];
  values: string[];
}

export interface Fault {
  /** The position right after the fault was taken (the #VE delivered, or the VM exit begun). */
  step: number;
  vcpu: number;
  gpa: string;
  kind: 've' | 'vmexit';
}

const hex32 = (n: number) => '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

/**
 * Replays the recording's scenario and keeps, per value, the steps where it changes. After a tick
 * only the values it can have changed are read: those of the vCPUs its events name (the host's
 * events name the vCPU they complete or inject; with migrateOnWake a handler may write another
 * vCPU's ve_page, so then every vCPU) and, after a step, the tasks' status.
 */
export function valueTracks(rec: Recording): ValueTrack[] {
  const run = startRun(rec.scenario);
  const s = run.state;
  const tracks: ValueTrack[] = [];
  const readers: (() => string)[] = [];
  /** Track indices per vCPU, and of the tasks. */
  const ofVcpu: number[][] = [];
  const ofTasks: number[] = [];
  const add = (id: string, group: TrackGroup, label: string, read: () => string) => {
    tracks.push({ id, group, label, steps: [0], values: [read()] });
    readers.push(read);
    return readers.length - 1;
  };
  s.vcpus.forEach((v, i) => {
    const own: number[] = [];
    own.push(add(`busy:${i}`, 'busy', `busy word of vCPU ${i}`, () => hex32(s.vcpus[i]!.busy)));
    own.push(
      add(`active:${i}`, 'active', `active bits of vCPU ${i}`, () =>
        String(s.vcpus[i]!.active.reduce((n, b) => n + (b ? 1 : 0), 0)),
      ),
    );
    v.slots.forEach((_, j) =>
      own.push(add(`slot:${i}:${j}`, 'slot', `info[${j}] of vCPU ${i}`, () => s.vcpus[i]!.slots[j]!.state)),
    );
    ofVcpu.push(own);
  });
  s.tasks.forEach((t, k) =>
    ofTasks.push(
      add(`task:${t.home}/${t.name}`, 'task', `task ${t.name} (vCPU ${t.home})`, () => s.tasks[k]!.status),
    ),
  );
  const everyVcpu = run.machine.variant.migrateOnWake;
  const events: TraceEvent[] = [];
  const check = (k: number, at: number) => {
    const value = readers[k]!();
    const track = tracks[k]!;
    if (track.values[track.values.length - 1] !== value) {
      track.steps.push(at);
      track.values.push(value);
    }
  };
  for (let r = tickOnce(run, events); s.tick <= rec.steps && r !== 'stop'; r = tickOnce(run, events)) {
    // Nothing changes over an idle stretch: it is crossed at once (a late action costs no more).
    if (r === 'idle') {
      skipIdle(run.machine, s, rec.steps);
      continue;
    }
    const at = s.tick;
    const e = events.pop()!;
    const named = e.actor === 'host' ? e.detail.vcpu : Number(e.actor.slice(4));
    if (everyVcpu) for (const own of ofVcpu) for (const k of own) check(k, at);
    else if (typeof named === 'number') for (const k of ofVcpu[named] ?? []) check(k, at);
    for (const k of ofTasks) check(k, at);
  }
  return tracks;
}

/** The value of a track at step `step`. */
export function valueAt(track: ValueTrack, step: number): string {
  return track.values[lastAtOrBefore(track.steps, step, itself)] ?? track.values[0]!;
}

/** Index of the last element whose key is ≤ x, in an array ascending by key (-1 if none). */
function lastAtOrBefore<T>(sorted: readonly T[], x: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid]!) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const itself = (n: number) => n;

/** The nearest element of `sorted` strictly before `step`, or null. */
function previousIn(sorted: readonly number[], step: number): number | null {
  const i = lastAtOrBefore(sorted, step - 1, itself);
  return i >= 0 ? sorted[i]! : null;
}

/** The nearest element of `sorted` strictly after `step`, or null. */
function nextIn(sorted: readonly number[], step: number): number | null {
  const i = lastAtOrBefore(sorted, step, itself) + 1;
  return i < sorted.length ? sorted[i]! : null;
}

/** Steps where the track's value changes (its initial value at 0 is not a change). */
export function changeSteps(track: ValueTrack): number[] {
  return track.steps.slice(1);
}

export function previousChange(track: ValueTrack, step: number): number | null {
  const p = previousIn(track.steps, step);
  return p === null || p === 0 ? null : p;
}

export function nextChange(track: ValueTrack, step: number): number | null {
  return nextIn(track.steps, Math.max(step, 0));
}

/** The step at which the first invariant break is visible, or null if the run breaks none. */
export function firstViolation(rec: Recording): number | null {
  let first: number | null = null;
  for (const v of rec.violations) {
    const at = Math.min(v.step + 1, rec.steps);
    if (first === null || at < first) first = at;
  }
  return first;
}

/** Every fault of the run in order: #VE deliveries (`hw.ve`) and EPT-violation VM exits. */
export function faults(rec: Recording): Fault[] {
  const out: Fault[] = [];
  for (const e of rec.events) {
    const vmexit = e.kind === 'hw.access' && e.detail.result === 'vmexit';
    if (e.kind !== 'hw.ve' && !vmexit) continue;
    out.push({
      step: e.step + 1,
      vcpu: Number(e.actor.slice(4)),
      gpa: String(e.detail.gpa ?? ''),
      kind: vmexit ? 'vmexit' : 've',
    });
  }
  return out;
}

/** Index of the first fault after `step` (list.length if none): faults are in step order. */
const firstFaultAfter = (list: readonly Fault[], step: number): number =>
  lastAtOrBefore(list, step, (f) => f.step) + 1;

// Binary searches, not a scan: the navigation re-renders at every step of runs with thousands of faults.
export function nextFault(list: readonly Fault[], step: number): Fault | null {
  return list[firstFaultAfter(list, step)] ?? null;
}

export function previousFault(list: readonly Fault[], step: number): Fault | null {
  const last = list[firstFaultAfter(list, step - 1) - 1];
  if (!last) return null;
  // The first of the faults at that step, as for the next one.
  return list[firstFaultAfter(list, last.step - 1)] ?? null;
}
