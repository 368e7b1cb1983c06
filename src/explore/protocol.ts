/** The messages between the main thread's ExploreClient (client.ts) and the explore worker. */
import type { Scenario, Variant } from '../engine';
import type { ExploreReport } from './explore';
import type { Coverage } from './coverage';

/** The bounds a search runs under (explore.md `maxStates`; a memory bound in MiB). */
export interface ExploreBounds {
  maxStates?: number;
  maxMemoryMiB?: number;
}

export type ToExploreWorker =
  /**
   * Explore `scenario`'s machine once per entry of `variants` (each replaces the scenario's
   * variant; default: one run with the scenario's own variant), one after the other.
   */
  | ({ type: 'start'; id: number; scenario: Scenario; variants?: Partial<Variant>[] } & ExploreBounds)
  /** Stop batch `id` after the slice running now; its run so far is reported as `done`. */
  | { type: 'cancel'; id: number }
  /** How much of the last batch's exploration of this machine a run of `scenario` to tick `at` covers. */
  | { type: 'coverage'; id: number; scenario: Scenario; at: number };

export interface ExploreProgress {
  type: 'progress';
  id: number;
  /** Which run of the batch (0-based) and how many runs there are. */
  run: number;
  runs: number;
  states: number;
  transitions: number;
  depth: number;
  frontier: number;
  statesPerSecond: number;
  /** Findings so far (broken invariants and outcomes other than quiescent). */
  findings: number;
  memoryMiB: number;
}

export interface ExploreDone {
  type: 'done';
  id: number;
  run: number;
  runs: number;
  /** The batch is over: its last run, or a run that was cancelled (no further runs follow). */
  final: boolean;
  variant: Variant;
  /** Complete, or what was found up to a bound or Cancel (`complete: false`, `reason`). */
  report: ExploreReport;
}

export type FromExploreWorker =
  | ExploreProgress
  | ExploreDone
  | { type: 'error'; id: number; message: string }
  | { type: 'coverage'; id: number; coverage: Coverage | null };
