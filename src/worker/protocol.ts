/**
 * Messages between the UI thread and the engine worker. Both sides import these types, so a
 * renamed field is a compile error rather than a silent no-op.
 */
import type { Scenario, Snapshot, TraceEvent } from '../engine';
import type { TimelineData } from '../trace/timelineData';

/** Steps per second, or as fast as the worker can go. */
export type Speed = number | 'max';

export type ToWorker =
  /** Replace the scenario and position the run at `at` (default 0). */
  | { type: 'load'; scenario: Scenario; at?: number }
  | { type: 'step' }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: Speed }
  /** Position the run at tick `step` (replaying from the scenario). */
  | { type: 'seek'; step: number }
  /** A click on a page: `vcpu` accesses `gpa` at the current step (recorded as an action). */
  | { type: 'access'; vcpu: number; gpa: string }
  /** Manual scheduler: `actor` executes the current step (recorded as a pick). */
  | { type: 'pick'; actor: string; pageIn?: string }
  /** Remove the last recorded click or pick and rewind to where it was made (the Undo click action). */
  | { type: 'undo-click' }
  /** Remove every recorded click and pick (the Clear clicks action). */
  | { type: 'clear-clicks' }
  /** Test hook: make the worker die from an uncaught error. */
  | { type: 'crash-for-test' }
  /** The whole run as a Chrome trace JSON (answered by a `trace` message). */
  | { type: 'export-trace' };

/** What the client posts: a command numbered so that frames can acknowledge it. */
export interface Envelope {
  seq: number;
  command: ToWorker;
}

export interface WorkerFrame {
  type: 'frame';
  /** The last command (Envelope.seq) handled before this frame was taken. */
  ack: number;
  snapshot: Snapshot;
  /** Present when the scenario changed (load, recorded click or pick). */
  scenario?: Scenario;
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
}

export type FromWorker =
  | WorkerFrame
  /** A command failed; the worker is still alive and at `step`. */
  | { type: 'failed'; message: string; step: number; ack: number }
  /** The whole run of the current scenario, for the timeline (sent whenever the scenario changes). */
  | { type: 'recording'; data: TimelineData; load: number }
  /** Answer to `export-trace`. */
  | { type: 'trace'; json: string; fileName: string };

/** How many trace events a frame carries. */
export const EVENT_TAIL = 80;
