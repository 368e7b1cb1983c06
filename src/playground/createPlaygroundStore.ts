/**
 * One playground: its zustand store, its engine client, its explorer and the commands bound to them. Nothing
 * lives at module level, so two playgrounds in one page run independently (xyflow's pattern: a
 * vanilla store per instance, handed to components through React context, see context.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../engine';
import type { TeachSlice } from '../store/teachSlice';
import { EngineClient, type EngineClientHandlers } from '../worker/client';
import type { WorkerFrame } from '../worker/protocol';
import { startAddressBar, type AddressBar } from './addressBar';
import { createCommands, type EngineLike, type Opened, type PlaygroundActions } from './commands';
import { createExplorer, type Explorer } from './explorer';
import { importFile, importText } from './importInput';
import { startLocalSave } from './localSave';
import { initialState, type AppState } from './state';

export interface PlaygroundOptions {
  /** Lecture / embed flags (from the page's query). */
  teach?: Partial<TeachSlice>;
  /** The engine to drive; default: a worker (EngineClient). */
  connect?: (handlers: EngineClientHandlers) => EngineLike;
  /** The explore worker; default: src/worker/explore.worker.ts. */
  exploreWorker?: () => Worker;
  /** The page's only playground: keys and drops are the window's, the address bar's `#s=…` opens. */
  ownsWindow?: boolean;
  /** Write the run into the address bar as it goes (not in an embed). */
  addressBar?: boolean;
  /** Save the run in localStorage and offer it back after a reload. */
  persist?: boolean;
  /** What to open at start instead of the address bar's scenario (an embedder's scenario file). */
  open?: Opened;
}

export interface Playground {
  store: StoreApi<AppState>;
  actions: PlaygroundActions & {
    /** Opens a scenario as a new history entry when this playground owns the address bar. */
    openAsNewEntry(scenario: AppState['scenario'] & object, at?: number): void;
    /** Opens a picked or dropped file, or says why not and keeps the run (read off-thread when large). */
    importFile(file: File): Promise<void>;
    /** Opens a dropped text (a scenario or a link), or says why not and keeps the run. */
    importText(text: string, source: string): Promise<void>;
  };
  /** The Explore panel's commands; its state is the store's `explore` slice. */
  explorer: Explorer;
  /** Whether keys and drops are the whole window's (the page's only playground). */
  ownsWindow: boolean;
  /** Opens the address bar's scenario (or the default) and starts following it. */
  start(): void;
  /**
   * Resolves once the engine has answered every command sent so far and its frame is in the store:
   * what the tests and the benchmark wait on instead of sleeping.
   */
  settled(): Promise<void>;
  dispose(): void;
}

const nextFrame: (run: () => void) => void =
  typeof requestAnimationFrame === 'function'
    ? (run) => requestAnimationFrame(run)
    : (run) => setTimeout(run, 0);

export function createPlaygroundStore(options: PlaygroundOptions = {}): Playground {
  const store = createStore<AppState>()(() => initialState(options.teach));
  let engine: EngineLike | null = null;
  /** Where the run is (last load, then each frame): a restarted playground resumes there. */
  let position: { scenario: Scenario; at: number } | null = null;
  const commands = createCommands(store, () => engine);
  const explorer = createExplorer(store, commands.loadScenario, options.exploreWorker);

  /** The newest frame not yet in the store; while playing, frames are applied once per animation frame. */
  let pendingFrame: WorkerFrame | null = null;
  let frameScheduled = false;

  function applyFrame(): void {
    frameScheduled = false;
    const frame = pendingFrame;
    pendingFrame = null;
    if (!frame) return;
    store.setState((s) => ({
      // EngineClient already kept every part that did not change (and the events seen before) by
      // reference, so memoised views skip them without any comparison here.
      snapshot: frame.snapshot,
      step: frame.snapshot.step,
      playing: frame.playing,
      speed: frame.speed,
      events: frame.events,
      stepsPerSecond: frame.stepsPerSecond,
      executedTotal: frame.executedTotal,
      playingMs: frame.playingMs,
      scenario: frame.scenario ?? s.scenario,
      selectedVcpu: Math.min(s.selectedVcpu, frame.snapshot.vcpus.length - 1),
    }));
  }

  const handlers: EngineClientHandlers = {
    onFrame(frame) {
      if (position) position = { scenario: frame.scenario ?? position.scenario, at: frame.snapshot.step };
      // If rendering falls behind the worker, skip to the newest frame instead of queueing them;
      // a scenario carried by a skipped frame is kept.
      const scenario = frame.scenario ?? pendingFrame?.scenario;
      pendingFrame = scenario ? { ...frame, scenario } : frame;
      // A frame that is not part of playing answers a command (jump, Back, a click): shown in this
      // task, so it is painted in the coming frame instead of one frame later. While playing,
      // frames wait for the animation frame, and at most one is rendered per frame.
      if (!frame.playing) return applyFrame();
      if (frameScheduled) return;
      frameScheduled = true;
      nextFrame(applyFrame);
    },
    onError(message) {
      store.setState({ workerError: message, playing: false });
    },
    onRecording(data) {
      store.setState({ timeline: data });
    },
    onTrace(json, fileName) {
      store.setState({ traceExport: { json, fileName } });
    },
  };

  /** The number of the last command sent to the engine (0: none, or an engine without numbers). */
  let lastSeq = 0;
  /** Imports still being read: `settled()` waits for them, since each ends in an open or a refusal. */
  const importing = new Set<Promise<void>>();
  const tracked = (read: Promise<void>): Promise<void> => {
    importing.add(read);
    return read.finally(() => importing.delete(read));
  };

  let addressBar: AddressBar | null = null;
  let stopSave: (() => void) | null = null;
  const ownsWindow = options.ownsWindow === true;

  return {
    store,
    explorer,
    ownsWindow,
    actions: {
      ...commands,
      openAsNewEntry(scenario, at = 0) {
        addressBar?.push(scenario, at);
        commands.loadScenario(scenario, at);
      },
      importFile: (file) => tracked(importFile(file, (result) => commands.open(result))),
      importText: (text, source) => tracked(importText(text, source, (result) => commands.open(result))),
    },
    start() {
      if (engine) return;
      const client = (options.connect ?? ((h) => new EngineClient(h)))(handlers);
      engine = {
        send(message) {
          if (message.type === 'load') position = { scenario: message.scenario, at: message.at ?? 0 };
          lastSeq = client.send(message) ?? lastSeq;
        },
        acked: (seq) => client.acked?.(seq) ?? Promise.resolve(),
        restart: () => client.restart(),
        dispose: () => client.dispose(),
      };
      if (options.persist) stopSave = startLocalSave(store);
      // Started again (React's strict mode remounts): the new engine resumes the same run.
      if (position) engine.send({ type: 'load', scenario: position.scenario, at: position.at });
      else if (options.open) commands.open(options.open);
      else if (ownsWindow && typeof location !== 'undefined') commands.openHash(location.hash);
      else commands.openHash('');
      if (options.addressBar) addressBar = startAddressBar(store, commands.openHash);
    },
    async settled() {
      while (importing.size > 0) await Promise.all(importing);
      await engine?.acked?.(lastSeq);
      // The acknowledging frame is applied at the next animation frame, before this one runs.
      if (frameScheduled) await new Promise<void>((resolve) => nextFrame(resolve));
    },
    dispose() {
      addressBar?.stop();
      stopSave?.();
      engine?.dispose();
      engine = null;
      explorer.dispose();
    },
  };
}
