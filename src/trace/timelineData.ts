/**
 * What the timeline view needs of a whole run, computed in the worker (never on the main thread
 * for long runs): the recording without its per-step events (they stay in the worker for the
 * trace export), the value tracks and faults for navigation by meaning, and the first break.
 */
import type { Scenario } from '../engine';
import type { Recording } from './recording';
import { faults, firstViolation, valueTracks, type Fault, type ValueTrack } from './navigation';

/** The timeline records a run up to this many ticks. */
export const TIMELINE_MAX_STEPS = 200_000;

export interface TimelineData {
  /** The run as spans, flows, counters, violations; `events` is left empty. */
  recording: Recording;
  /** How many steps the run executed (idle ticks excluded). */
  executedSteps: number;
  tracks: ValueTrack[];
  faults: Fault[];
  /** The step where the first invariant break is visible, or null. */
  firstBreak: number | null;
}

export function timelineData(rec: Recording): TimelineData {
  return {
    recording: { ...rec, events: [] },
    executedSteps: rec.events.length,
    tracks: valueTracks(rec),
    faults: faults(rec),
    firstBreak: firstViolation(rec),
  };
}

/** A file name for a run's export: the scenario title in lower-case words, then `ext`. */
export function exportFileName(scenario: Scenario, ext: string): string {
  const base = (scenario.title ?? 've-playground')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 've-playground'}${ext}`;
}
