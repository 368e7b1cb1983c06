/**
 * Messages between the UI thread and the engine worker. Both sides import these types, so a
 * renamed field is a compile error rather than a silent no-op.
 */
import type { Scenario, Snapshot, TraceEvent } from '../engine';
import type { TimelineData } from '../trace/timelineData';
import type { ClickRecord } from './clicks';
import type { SnapshotChanges } from './snapshotChanges';

/** Steps per second, or as fast as the worker can go. */
export type Speed = number | 'max';

export type ToWorker =
  /**
   * Replace the scenario and position the run at `at` (default 0; a seek beyond the frontier does
   * at most SEEK_MAX_WORK ticks of work, see `capped`). `resume` (a restart after a crash) also
   * restores the recorded clicks and the rewound flag, and reaches `at` whatever it costs.
   */
  | { type: 'load'; scenario: Scenario; at?: number; resume?: { clicks: ClickRecord[]; rewound: boolean } }
  | { type: 'step' }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: Speed }
  /** Position the run at tick `step` (at most SEEK_MAX_WORK ticks beyond the known run). */
  | { type: 'seek'; step: number }
  /** A click on a page: `vcpu` accesses `gpa` at the current step (recorded as an action). */
  | { type: 'access'; vcpu: number; gpa: string }
  /** Manual scheduler: `actor` executes the current step (recorded as a pick). */
  | { type: 'pick'; actor: string; pageIn?: string }
  /**
   * Undo the last click recorded since the scenario was loaded: the scenario is what it was
   * before it (a future it dropped comes back) and the run stands where it was made.
   */
  | { type: 'undo-click' }
  /** Remove every click recorded since the scenario was loaded; the run goes back to step 0. */
  | { type: 'clear-clicks' }
  /** Test builds only (`vite build --mode test`): make the worker die from an uncaught error. */
  | { type: 'crash-for-test' }
  /** The whole run as a Chrome trace JSON (answered by a `trace` message). */
  | { type: 'export-trace' };

/** What the client posts: a command numbered so that frames can acknowledge it. */
export interface Envelope {
  seq: number;
  command: ToWorker;
}

/** A seek (or load at a step) that stopped before its target: the run is still going there. */
export interface SeekCap {
  asked: number;
  reached: number;
}

/** Fields a frame has on the wire and in the client's hands alike. */
interface FrameCommon {
  type: 'frame';
  /** The last command (Envelope.seq) handled before this frame was taken. */
  ack: number;
  playing: boolean;
  speed: Speed;
  /** The most recent executed steps, oldest first (the log shows a tail, not the whole run). */
  events: TraceEvent[];
  /** Steps executed per second while playing, measured in the worker. */
  stepsPerSecond: number;
  /** Total steps executed since the worker started (for the benchmark). */
  executedTotal: number;
  /** Total wall time the worker has spent playing, in ms. */
  playingMs: number;
  /** Clicks that undo-click can take back (recorded since the scenario was loaded); the worker always sets it. */
  undoableClicks?: number;
  /** The run was moved backwards since the last click: the next click drops the recorded future (always set). */
  rewound?: boolean;
  /** Set when the last seek stopped short of its target (SEEK_MAX_WORK). */
  capped?: SeekCap;
}

/** A frame as the worker posts it: the snapshot as changes, the scenario as edits. */
export interface WireFrame extends FrameCommon {
  changes: SnapshotChanges;
  /** The whole scenario, when it was replaced (load, undo, clear) since the previous frame. */
  scenario?: Scenario;
  /** With `scenario`: the clicks recorded in it so far (undo and restart need them). */
  clicks?: ClickRecord[];
  /** Clicks recorded since the previous frame (after `scenario`, if both), oldest first. */
  recorded?: ClickRecord[];
}

/** A frame as EngineClient hands it on: the whole snapshot, unchanged parts keeping their identity. */
export interface WorkerFrame extends FrameCommon {
  snapshot: Snapshot;
  /** Present when the scenario changed (load, recorded click or pick, undo, clear). */
  scenario?: Scenario;
}

export type FromWorker =
  | WireFrame
  /** A command failed; the worker is still alive and at `step`. */
  | { type: 'failed'; message: string; step: number; ack: number }
  /** The whole run of the current scenario, for the timeline (sent whenever the scenario changes). */
  | { type: 'recording'; data: TimelineData; load: number }
  /** Answer to `export-trace`. */
  | { type: 'trace'; json: string; fileName: string; ack: number };

/** How many trace events a frame carries. */
export const EVENT_TAIL = 80;

/** A seek goes at most this many ticks beyond what is known (idle stretches count once). */
export const SEEK_MAX_WORK = 1_000_000;
