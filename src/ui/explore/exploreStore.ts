/**
 * The Explore panel's state and actions (explore.md "In the playground"). Its own small zustand
 * store; the playground is driven only through the UI's public store actions (`loadScenario`).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { BOTH_FIXES, VARIANT_SWITCHES, variantWith, type Scenario, type Variant } from '../../engine';
import { ExploreClient, type ExploreProgress } from '../../explore/client';
import type { ExploreReport, Finding } from '../../explore/explore';
import type { Coverage } from '../../explore/coverage';
import { loadScenario } from '../../store/actions';
import { appStore } from '../../store/appStore';

/** The variant matrix: `{}`, each switch of protocol.md §3 alone, and both fixes together. */
export const MATRIX: { label: string; variant: Partial<Variant> }[] = [
  { label: '{} (the mail)', variant: {} },
  ...VARIANT_SWITCHES.map((sw) => ({
    label: `${sw.name}: ${String(sw.other)}`,
    variant: variantWith(sw.name, sw.other),
  })),
  { label: 'both fixes', variant: BOTH_FIXES },
];

export type ExploreMode = 'single' | 'matrix';

export interface ExploreState {
  /** The batch running now, or null. */
  running: ExploreMode | null;
  progress: ExploreProgress | null;
  /** The last single exploration: its report and the title of the scenario explored. */
  report: ExploreReport | null;
  exploredTitle: string;
  /** The last variant matrix: one report per MATRIX row (null while not explored yet). */
  matrix: (ExploreReport | null)[] | null;
  coverage: Coverage | null;
  error: string | null;
}

const initial: ExploreState = {
  running: null,
  progress: null,
  report: null,
  exploredTitle: '',
  matrix: null,
  coverage: null,
  error: null,
};

export const exploreStore = createStore<ExploreState>()(() => initial);

export function useExplore<T>(selector: (s: ExploreState) => T): T {
  return useStore(exploreStore, selector);
}

let client: ExploreClient | null = null;

function getClient(): ExploreClient {
  client ??= new ExploreClient({
    onProgress(progress) {
      exploreStore.setState({ progress });
    },
    onDone({ run, runs, report }) {
      const { running, matrix } = exploreStore.getState();
      const last = run === runs - 1;
      if (running === 'matrix') {
        const next = (matrix ?? MATRIX.map(() => null)).slice();
        next[run] = report;
        exploreStore.setState({ matrix: next, running: last ? null : 'matrix' });
      } else {
        exploreStore.setState({ report, running: null });
      }
      if (last) requestCoverage();
    },
    onError(message) {
      exploreStore.setState({ running: null, error: message });
    },
    onCoverage(coverage) {
      exploreStore.setState({ coverage });
    },
  });
  return client;
}

function currentScenario(): Scenario | null {
  return appStore.getState().scenario;
}

/** Explores the current scenario's machine under its own variant. */
export function startExplore(): void {
  const scenario = currentScenario();
  if (!scenario) return;
  exploreStore.setState({
    running: 'single',
    progress: null,
    report: null,
    coverage: null,
    error: null,
    exploredTitle: scenario.title ?? 'this machine',
  });
  getClient().start(scenario);
}

/** Explores the current machine under every MATRIX variant, one after the other. */
export function startMatrix(): void {
  const scenario = currentScenario();
  if (!scenario) return;
  exploreStore.setState({
    running: 'matrix',
    progress: null,
    matrix: MATRIX.map(() => null),
    coverage: null,
    error: null,
    exploredTitle: scenario.title ?? 'this machine',
  });
  getClient().start(scenario, { variants: MATRIX.map((m) => m.variant) });
}

/** Cancel: the worker is terminated; what was found before stays out (the search is incomplete). */
export function cancelExplore(): void {
  client?.cancel();
  exploreStore.setState({ running: null, progress: null, coverage: null });
}

/**
 * Loads a finding's counterexample into the playground positioned right after its breaking step
 * (position `steps`). For an outcome one more tick is asked for: a run at rest only becomes
 * `hung` when it tries the next tick, and a terminal run stays where it stopped.
 */
export function openFinding(f: Finding): void {
  loadScenario(f.scenario, f.kind === 'outcome' ? f.steps + 1 : f.steps);
}

/** Coverage of the last batch by the playground's run as it stands (answered by the worker). */
export function requestCoverage(): void {
  const { scenario, step } = appStore.getState();
  const { running, report, matrix } = exploreStore.getState();
  if (!scenario || running || (!report && !matrix) || !client) return;
  client.coverage(scenario, step);
}
