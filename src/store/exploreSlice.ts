/**
 * The Explore panel's state (explore.md "In the playground"): one slice per playground, under
 * `explore` because its names (running, progress, error) would mean something else at the top.
 */
import { BROWSER_MAX_MEMORY_MIB } from '../explore/bounds';
import type { ExploreProgress } from '../explore/client';
import type { Coverage } from '../explore/coverage';
import type { ExploreReport } from '../explore/explore';

export type ExploreMode = 'single' | 'matrix';

export interface ExploreState {
  /** The batch running now, or null. */
  running: ExploreMode | null;
  /** Cancel was asked for; the partial result is on its way. */
  cancelling: boolean;
  progress: ExploreProgress | null;
  /** The last single exploration (complete, or stopped by a bound or Cancel) and what was explored. */
  report: ExploreReport | null;
  exploredTitle: string;
  /** The last variant matrix: one report per MATRIX row (null while not explored). */
  matrix: (ExploreReport | null)[] | null;
  coverage: Coverage | null;
  error: string | null;
  /** Bound on distinct states; null: the scenario's `explore.maxStates`, or the explorer's default. */
  maxStates: number | null;
  /** Bound on the memory the search holds, in MiB. */
  maxMemoryMiB: number;
}

export interface ExploreSlice {
  explore: ExploreState;
}

export const initialExplore: ExploreSlice = {
  explore: {
    running: null,
    cancelling: false,
    progress: null,
    report: null,
    exploredTitle: '',
    matrix: null,
    coverage: null,
    error: null,
    maxStates: null,
    maxMemoryMiB: BROWSER_MAX_MEMORY_MIB,
  },
};
