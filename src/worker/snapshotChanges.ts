/**
 * Frames carry changes: the worker sends only the parts of the snapshot that changed since its
 * previous frame (each vCPU, the tasks, the pages, the host, the violations), and the client puts
 * the snapshot back together, keeping the previous object for every part that did not change —
 * so views and the store compare by reference and nobody deep-compares a snapshot.
 *
 * The worker compares each part's JSON text with the one it sent last: a few microseconds per
 * vCPU, off the main thread.
 */
import type { HostSnapshot, PageSnapshot, Snapshot, TaskSnapshot, VcpuSnapshot, Violation } from '../engine';

export interface SnapshotChanges {
  /** Numbered from 1 per worker: a client facing a new worker (number 1) starts from nothing. */
  frame: number;
  step: number;
  canStep: string[];
  outcome: Snapshot['outcome'];
  message: string | null;
  vcpuCount: number;
  /** The vCPUs that changed, by index. */
  vcpus: [number, VcpuSnapshot][];
  tasks?: TaskSnapshot[];
  pages?: PageSnapshot[];
  host?: HostSnapshot;
  violations?: Violation[];
}

/** Worker side: what changed since the last frame. */
export class SnapshotEncoder {
  private frame = 0;
  private vcpus: string[] = [];
  private tasks = '';
  private pages = '';
  private host = '';
  private violations = -1;

  encode(snap: Snapshot): SnapshotChanges {
    const changes: SnapshotChanges = {
      frame: ++this.frame,
      step: snap.step,
      canStep: snap.canStep,
      outcome: snap.outcome,
      message: snap.message,
      vcpuCount: snap.vcpus.length,
      vcpus: [],
    };
    this.vcpus.length = snap.vcpus.length;
    snap.vcpus.forEach((v, i) => {
      const text = JSON.stringify(v);
      if (text !== this.vcpus[i]) changes.vcpus.push([i, v]);
      this.vcpus[i] = text;
    });
    const tasks = JSON.stringify(snap.tasks);
    if (tasks !== this.tasks) changes.tasks = snap.tasks;
    this.tasks = tasks;
    const pages = JSON.stringify(snap.pages);
    if (pages !== this.pages) changes.pages = snap.pages;
    this.pages = pages;
    const host = JSON.stringify(snap.host);
    if (host !== this.host) changes.host = snap.host;
    this.host = host;
    // Violations only ever grow along a run, but a seek backwards shortens them: compare the count.
    if (snap.violations.length !== this.violations || changes.frame === 1)
      changes.violations = snap.violations;
    this.violations = snap.violations.length;
    return changes;
  }

  /** The next frame carries everything (a new scenario: the client may have dropped its parts). */
  reset(): void {
    this.vcpus = [];
    this.tasks = this.pages = this.host = '';
    this.violations = -1;
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Client side: the whole snapshot, unchanged parts kept by reference. */
export class SnapshotAssembler {
  private snap: Snapshot | null = null;

  apply(c: SnapshotChanges): Snapshot {
    const prev = c.frame === 1 ? null : this.snap;
    const vcpus =
      prev && prev.vcpus.length === c.vcpuCount ? prev.vcpus.slice() : new Array<VcpuSnapshot>(c.vcpuCount);
    for (const [i, v] of c.vcpus) vcpus[i] = v;
    const snap: Snapshot = {
      step: c.step,
      vcpus: prev && c.vcpus.length === 0 && prev.vcpus.length === c.vcpuCount ? prev.vcpus : vcpus,
      tasks: c.tasks ?? prev?.tasks ?? [],
      pages: c.pages ?? prev?.pages ?? [],
      host: c.host ?? prev?.host ?? { next: null, resolutions: [], injections: [] },
      canStep: prev && sameStrings(prev.canStep, c.canStep) ? prev.canStep : c.canStep,
      violations: c.violations ?? prev?.violations ?? [],
      outcome: c.outcome,
      message: c.message,
    };
    this.snap = snap;
    return snap;
  }
}
