/** What the worker last sent: the snapshot and the playback state around it. */
import type { Snapshot, TraceEvent } from '../engine';
import type { Speed } from '../worker/protocol';

export interface PlaybackSlice {
  snapshot: Snapshot | null;
  step: number;
  playing: boolean;
  speed: Speed;
  events: TraceEvent[];
  stepsPerSecond: number;
  executedTotal: number;
  playingMs: number;
  /** The worker crashed or refused a command; the UI offers a restart. */
  workerError: string | null;
}

export const initialPlayback: PlaybackSlice = {
  snapshot: null,
  step: 0,
  playing: false,
  speed: 4,
  events: [],
  stepsPerSecond: 0,
  executedTotal: 0,
  playingMs: 0,
  workerError: null,
};
