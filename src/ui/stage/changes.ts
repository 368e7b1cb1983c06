/**
 * What the last step (or Back) changed: each readout compares what it shows with what it showed
 * before — a few fields per readout (the same object when the frame kept it), never a deep compare
 * of the snapshot.
 *
 * After a load (a new run) nothing counts as changed: the previous picture was of another run.
 */
import { useState } from 'react';
import type {
  PageSnapshot,
  Scenario,
  SlotSnapshot,
  Snapshot,
  TaskSnapshot,
  VcpuSnapshot,
} from '../../engine';
import { useApp, type AppState } from '../../store/appStore';

/** Remembers the snapshots a view has been shown, one store state at a time. */
export class ShownHistory {
  private shown: Snapshot | null = null;
  private shownScenario: Scenario | null = null;
  private before: Snapshot | null = null;

  /** The snapshot shown before `state.snapshot`, or null when there is none to compare with. */
  previous(state: Pick<AppState, 'snapshot' | 'scenario'>): Snapshot | null {
    const snap = state.snapshot;
    if (snap === this.shown) return this.before;
    const shown = this.shown;
    const sameRun =
      snap !== null &&
      shown !== null &&
      (state.scenario === this.shownScenario ||
        // A recorded click or pick replaces the scenario object, not the run.
        (Math.abs(snap.step - shown.step) <= 1 && sameMachine(this.shownScenario, state.scenario)));
    this.before = sameRun ? shown : null;
    this.shown = snap;
    this.shownScenario = state.scenario;
    return this.before;
  }
}

function sameMachine(a: Scenario | null, b: Scenario | null): boolean {
  return a !== null && b !== null && JSON.stringify(a.config) === JSON.stringify(b.config);
}

/** `pick` of the snapshot shown before the current one (null: nothing to compare with). */
function usePrevious<T>(pick: (snapshot: Snapshot) => T | undefined): T | null {
  // One history per view: selectors see every store state, so each view tracks its own.
  const [history] = useState(() => new ShownHistory());
  return useApp((s) => {
    const before = history.previous(s);
    return before === null ? null : (pick(before) ?? null);
  });
}

export function usePreviousVcpu(index: number): VcpuSnapshot | null {
  return usePrevious((s) => s.vcpus[index]);
}

export function usePreviousTask(home: number, name: string): TaskSnapshot | null {
  return usePrevious((s) => s.tasks.find((t) => t.home === home && t.name === name));
}

export function usePreviousPages(): readonly PageSnapshot[] | null {
  return usePrevious((s) => s.pages);
}

/** A readout's `data-changed`: "true" when its value differs from the one shown before. */
export function changedAttr<T>(
  previous: T | null | undefined,
  current: T,
  same: (a: T, b: T) => boolean = Object.is,
): 'true' | 'false' {
  return previous !== null && previous !== undefined && !same(previous, current) ? 'true' : 'false';
}

/** What a slot shows: its state, the copied gpa and who waits on it. */
export function sameSlot(a: SlotSnapshot, b: SlotSnapshot): boolean {
  return a === b || (a.state === b.state && a.gpa === b.gpa && a.wait === b.wait);
}

/** What a task card shows. */
export function sameTask(a: TaskSnapshot, b: TaskSnapshot): boolean {
  return (
    a === b ||
    (a.status === b.status &&
      a.vcpu === b.vcpu &&
      a.tifInVe === b.tifInVe &&
      a.veFrames === b.veFrames &&
      a.signal === b.signal &&
      a.parkedOn?.vcpu === b.parkedOn?.vcpu &&
      a.parkedOn?.idx === b.parkedOn?.idx)
  );
}

/** What a page button shows. */
export function samePage(a: PageSnapshot, b: PageSnapshot): boolean {
  return a === b || (a.backing === b.backing && a.suppressVe === b.suppressVe && a.latency === b.latency);
}
