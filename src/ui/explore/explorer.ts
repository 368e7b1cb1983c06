/**
 * One Explore panel's state and commands (explore.md "In the playground"): a zustand store and the
 * explore worker's client, made by `createExplorer` so that each playground owns its own. The
 * playground is reached only through the link it gives (its scenario and step, and loading one).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../../engine';
import { ExploreClient, type ExploreProgress } from '../../explore/client';
import type { ExploreReport, Finding } from '../../explore/explore';
import type { Coverage } from '../../explore/coverage';
import { BROWSER_MAX_MEMORY_MIB } from '../../explore/bounds';
import { MATRIX } from './matrix';

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

/** What the explorer needs of its playground. */
export interface PlaygroundLink {
  /** The scenario on screen (null before the first one) and the step it is at. */
  current(): { scenario: Scenario | null; step: number };
  /** Loads a scenario positioned at step `at`. */
  load(scenario: Scenario, at: number): void;
}

export interface Explorer {
  store: StoreApi<ExploreState>;
  /** Explores the current scenario's machine under its own variant. */
  start(): void;
  /** Explores the current machine under every MATRIX variant, one after the other. */
  startMatrix(): void;
  /** Stops the search; what it found so far stays (data-complete="false"). */
  cancel(): void;
  /** Loads a finding's counterexample into the playground at its last step. */
  openFinding(f: Finding): void;
  /** Coverage of the last batch by the playground's run as it stands (answered by the worker). */
  requestCoverage(): void;
  setBounds(bounds: Partial<Pick<ExploreState, 'maxStates' | 'maxMemoryMiB'>>): void;
  dispose(): void;
}

const initial: ExploreState = {
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
};

export function createExplorer(playground: PlaygroundLink, workerFactory?: () => Worker): Explorer {
  const store = createStore<ExploreState>()(() => initial);
  let client: ExploreClient | null = null;

  const requestCoverage = (): void => {
    const { scenario, step } = playground.current();
    const { running, report, matrix } = store.getState();
    if (!scenario || running || (!report && !matrix) || !client) return;
    client.coverage(scenario, step);
  };

  const getClient = (): ExploreClient => {
    client ??= new ExploreClient(
      {
        onProgress(progress) {
          store.setState({ progress });
        },
        onDone({ run, final, report }) {
          const { running, matrix } = store.getState();
          const over = final ? { running: null, cancelling: false } : {};
          if (running === 'matrix') {
            const next = (matrix ?? MATRIX.map(() => null)).slice();
            next[run] = report;
            store.setState({ matrix: next, ...over });
          } else {
            store.setState({ report, ...over });
          }
          if (final) requestCoverage();
        },
        onError(message) {
          store.setState({ running: null, cancelling: false, error: message });
        },
        onCoverage(coverage) {
          store.setState({ coverage });
        },
      },
      workerFactory,
    );
    return client;
  };

  const bounds = () => {
    const { maxStates, maxMemoryMiB } = store.getState();
    return { maxMemoryMiB, ...(maxStates === null ? {} : { maxStates }) };
  };

  const begin = (mode: ExploreMode): Scenario | null => {
    const { scenario } = playground.current();
    if (!scenario) return null;
    store.setState({
      running: mode,
      cancelling: false,
      progress: null,
      ...(mode === 'single' ? { report: null } : { matrix: MATRIX.map(() => null) }),
      coverage: null,
      error: null,
      exploredTitle: scenario.title ?? 'this machine',
    });
    return scenario;
  };

  return {
    store,
    start() {
      const scenario = begin('single');
      if (scenario) getClient().start(scenario, bounds());
    },
    startMatrix() {
      const scenario = begin('matrix');
      if (scenario) getClient().start(scenario, { ...bounds(), variants: MATRIX.map((m) => m.variant) });
    },
    cancel() {
      if (!store.getState().running) return;
      store.setState({ cancelling: true });
      client?.cancel();
    },
    openFinding(f) {
      // Position `steps`, right after the breaking step. For an outcome one more tick: a run at
      // rest only becomes `hung` when it tries the next tick, and a terminal run stays put.
      playground.load(f.scenario, f.kind === 'outcome' ? f.steps + 1 : f.steps);
    },
    requestCoverage,
    setBounds(next) {
      store.setState(next);
    },
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
