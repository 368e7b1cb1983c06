/**
 * A playground's explorer (explore.md "In the playground"): the explore worker's client and the
 * commands of the Explore panel, writing the `explore` slice of that playground's store. Made by
 * createPlaygroundStore, so two playgrounds in one page each explore their own machine.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../engine';
import { ExploreClient } from '../explore/client';
import type { Finding } from '../explore/explore';
import { MATRIX } from '../explore/matrix';
import type { ExploreMode, ExploreState } from '../store/exploreSlice';
import type { AppState } from './state';

export interface Explorer {
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
  /** Ends the explore worker (a later search starts a new one). */
  dispose(): void;
}

export function createExplorer(
  store: StoreApi<AppState>,
  load: (scenario: Scenario, at: number) => void,
  workerFactory?: () => Worker,
): Explorer {
  const explore = () => store.getState().explore;
  const update = (patch: Partial<ExploreState>) =>
    store.setState((s) => ({ explore: { ...s.explore, ...patch } }));
  let client: ExploreClient | null = null;

  const requestCoverage = (): void => {
    const { scenario, step } = store.getState();
    const { running, report, matrix } = explore();
    if (!scenario || running || (!report && !matrix) || !client) return;
    client.coverage(scenario, step);
  };

  const getClient = (): ExploreClient => {
    client ??= new ExploreClient(
      {
        onProgress(progress) {
          update({ progress });
        },
        onDone({ run, final, report }) {
          const { running, matrix } = explore();
          const over = final ? { running: null, cancelling: false } : {};
          if (running === 'matrix') {
            const next = (matrix ?? MATRIX.map(() => null)).slice();
            next[run] = report;
            update({ matrix: next, ...over });
          } else {
            update({ report, ...over });
          }
          if (final) requestCoverage();
        },
        onError(message) {
          update({ running: null, cancelling: false, error: message });
        },
        onCoverage(coverage) {
          update({ coverage });
        },
      },
      workerFactory,
    );
    return client;
  };

  const bounds = () => {
    const { maxStates, maxMemoryMiB } = explore();
    return { maxMemoryMiB, ...(maxStates === null ? {} : { maxStates }) };
  };

  const begin = (mode: ExploreMode): Scenario | null => {
    const { scenario } = store.getState();
    if (!scenario) return null;
    update({
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
    start() {
      const scenario = begin('single');
      if (scenario) getClient().start(scenario, bounds());
    },
    startMatrix() {
      const scenario = begin('matrix');
      if (scenario) getClient().start(scenario, { ...bounds(), variants: MATRIX.map((m) => m.variant) });
    },
    cancel() {
      if (!explore().running) return;
      update({ cancelling: true });
      client?.cancel();
    },
    openFinding(f) {
      // Position `steps`, right after the breaking step. For an outcome one more tick: a run at
      // rest only becomes `hung` when it tries the next tick, and a terminal run stays put.
      load(f.scenario, f.kind === 'outcome' ? f.steps + 1 : f.steps);
    },
    requestCoverage,
    setBounds: update,
    dispose() {
      client?.dispose();
      client = null;
      // A search the worker took with it is over: the panel offers Explore again.
      if (explore().running) update({ running: null, cancelling: false });
    },
  };
}
