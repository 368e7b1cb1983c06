/**
 * The main thread's copy of what the worker holds, rebuilt from its frames: the scenario (a click
 * arrives as an edit, not as the whole scenario), the clicks undo can take back, the rewound flag
 * and the step — everything a fresh worker needs to stand exactly where a crashed one stood.
 * It also puts each frame's snapshot back together from its changes and keeps the identity of the
 * trace events the previous frame carried. Pure, so tests run it in Node.
 */
import type { Scenario, TraceEvent } from '../engine';
import { applyClick, type ClickRecord } from './clicks';
import type { ToWorker, WireFrame, WorkerFrame } from './protocol';
import { SnapshotAssembler } from './snapshotChanges';

export class RunMirror {
  scenario: Scenario | null = null;
  step = 0;
  clicks: ClickRecord[] = [];
  rewound = false;
  private assembler = new SnapshotAssembler();
  private events: TraceEvent[] = [];

  /** A new worker: its first frame carries the whole snapshot. */
  reset(): void {
    this.assembler = new SnapshotAssembler();
  }

  /** The frame handlers get: the whole snapshot, and the scenario whenever it changed. */
  receive(wire: WireFrame): WorkerFrame {
    const { changes, scenario: whole, clicks, recorded, ...common } = wire;
    let changed = false;
    if (whole) {
      this.scenario = whole;
      this.clicks = clicks ?? [];
      changed = true;
    }
    if (recorded && this.scenario) {
      let actions = this.scenario.actions;
      for (const click of recorded) actions = applyClick(actions, click);
      this.scenario = { ...this.scenario, actions };
      this.clicks = [...this.clicks, ...recorded];
      changed = true;
    }
    this.rewound = wire.rewound ?? false;
    const snapshot = this.assembler.apply(changes);
    this.step = snapshot.step;
    const frame: WorkerFrame = { ...common, snapshot, events: this.sameEvents(wire.events) };
    if (changed && this.scenario) frame.scenario = this.scenario;
    return frame;
  }

  /** The command that brings a fresh worker to where this one stands. */
  resume(): ToWorker | null {
    if (!this.scenario) return null;
    return {
      type: 'load',
      scenario: this.scenario,
      at: this.step,
      resume: { clicks: this.clicks, rewound: this.rewound },
    };
  }

  /** Events are one per executed step: the one at a step the previous tail had is that same object. */
  private sameEvents(next: TraceEvent[]): TraceEvent[] {
    const prev = this.events;
    const byStep = new Map<number, TraceEvent>();
    for (const e of prev) byStep.set(e.step, e);
    let same = next.length === prev.length;
    const out = next.map((e, i) => {
      const old = byStep.get(e.step);
      const keep = old && old.kind === e.kind && old.actor === e.actor ? old : e;
      if (keep !== prev[i]) same = false;
      return keep;
    });
    this.events = same ? prev : out;
    return this.events;
  }
}
