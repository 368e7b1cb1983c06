/**
 * Everything the user can do in one playground, as functions bound to its store and its engine
 * client: the action registry (src/actions/), views (`useActions()`), the address bar and the embed
 * API all call these. They talk to the worker and write to the store; views only read.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../engine';
import { parseScenario } from '../share/schema';
import { encodeScenarioHash } from '../share/url';
import { defaultScenario } from '../store/defaultScenario';
import type { PanelName } from '../store/uiSlice';
import { readHashScenario } from '../store/urlState';
import type { Speed, ToWorker } from '../worker/protocol';
import { tooLargeForLink } from './linkSize';
import type { AppState } from './state';

/** The part of EngineClient a playground uses (tests pass a fake). */
export interface EngineLike {
  /** Posts a command; a real client returns its number, which `acked` waits for. */
  send(message: ToWorker): number | void;
  /** Resolves once command `seq` has been handled (a fake engine may have no such thing). */
  acked?(seq: number): Promise<void>;
  restart(): void;
  dispose(): void;
}

/** Input that arrived from outside (a link, a file, a drop, an embed message). */
export type Opened =
  { ok: true; scenario: Scenario; at: number; note?: string | null } | { ok: false; message: string };

export function createCommands(store: StoreApi<AppState>, engine: () => EngineLike | null) {
  const get = store.getState;
  const set = store.setState;
  const send = (message: ToWorker): void => {
    engine()?.send(message);
  };

  function loadScenario(scenario: Scenario, at = 0): void {
    // The timeline of the previous scenario goes: the worker sends the new one once recorded.
    set({ scenario, selectedVcpu: 0, shareUrl: null, shareRefusal: null, timeline: null });
    send({ type: 'load', scenario, at });
  }

  /**
   * Opens what came from outside. A refusal never replaces the run that is open: it becomes the
   * message, and only a playground with nothing open yet opens the default scenario.
   */
  function open(result: Opened, fromLink = false): void {
    if (result.ok) {
      set({ inputError: null, inputNote: result.note ?? null, heldLink: false, savedRun: null });
      loadScenario(result.scenario, result.at);
      return;
    }
    const nothingOpen = get().scenario === null;
    const consequence = nothingOpen ? 'opened the default scenario instead' : 'your run is unchanged';
    set({ inputError: `${result.message} — ${consequence}.`, inputNote: null, heldLink: fromLink });
    if (nothingOpen) loadScenario(defaultScenario(), 0);
  }

  /** The address bar's scenario (`#s=…&at=…`), or the default one when it has none and nothing is open. */
  function openHash(hash: string): void {
    const fromUrl = readHashScenario(hash);
    if (fromUrl) open(fromUrl, true);
    else if (get().scenario === null) loadScenario(defaultScenario(), 0);
  }

  function play(): void {
    send({ type: 'play' });
  }

  function pause(): void {
    send({ type: 'pause' });
  }

  function setLecture(on: boolean): void {
    set({ lecture: on });
    if (!on && typeof document !== 'undefined' && document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
    }
  }

  return {
    loadScenario,
    open,
    openHash,
    play,
    pause,
    setLecture,
    step: () => send({ type: 'step' }),
    back: () => send({ type: 'back' }),
    reset: () => send({ type: 'reset' }),
    togglePlay: () => (get().playing ? pause() : play()),
    setSpeed(speed: Speed): void {
      set({ speed });
      send({ type: 'speed', speed });
    },
    seek: (stepNumber: number) => send({ type: 'seek', step: stepNumber }),
    /** Asks the worker for the whole run as a Chrome trace (it arrives in `traceExport`). */
    requestTraceExport: () => send({ type: 'export-trace' }),
    selectVcpu: (index: number) => set({ selectedVcpu: index }),
    /** A click on a page: the selected vCPU accesses it at the current step. */
    accessPage: (gpa: string) => send({ type: 'access', vcpu: get().selectedVcpu, gpa }),
    /** Manual scheduler: `actor` executes this step (recorded as a pick). */
    runActor: (actor: string) => send({ type: 'pick', actor }),
    /** Removes the last recorded click or pick and rewinds to where it was made (the worker does it). */
    undoClick: () => send({ type: 'undo-click' }),
    /** Removes every recorded click and pick. */
    clearClicks: () => send({ type: 'clear-clicks' }),
    /** Builds the share URL, shows it, and tries the clipboard (which may be refused). */
    async share(): Promise<string | null> {
      const { scenario, step: at } = get();
      if (!scenario) return null;
      const refusal = tooLargeForLink(scenario);
      if (refusal !== null) {
        set({ shareUrl: null, shareRefusal: refusal });
        return null;
      }
      const base = typeof location === 'undefined' ? '' : location.origin + location.pathname;
      const url = base + encodeScenarioHash(scenario, at);
      set({ shareUrl: url, shareRefusal: null });
      try {
        await navigator.clipboard.writeText(url);
      } catch {
        // No clipboard permission (or no secure context): the read-only field still shows the URL.
      }
      return url;
    },
    /** An edit of the machine: validated, then reloaded at step 0. Returns the refusal, if any. */
    applyScenarioEdit(candidate: unknown): string | null {
      const parsed = parseScenario(candidate);
      if (!parsed.ok) return parsed.message;
      loadScenario(parsed.scenario, 0);
      return null;
    },
    restartWorker(): void {
      set({ workerError: null });
      engine()?.restart();
    },
    crashWorkerForTest: () => send({ type: 'crash-for-test' }),
    dismissInputError: () => set({ inputError: null, inputNote: null, heldLink: false }),
    /** Opens the run saved before the last reload ("Restore your last run"). */
    restoreSavedRun(): void {
      const saved = get().savedRun;
      if (saved) open({ ok: true, scenario: saved.scenario, at: saved.at });
    },
    dismissSavedRun: () => set({ savedRun: null }),
    toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    setPanel: (panel: PanelName, isOpen: boolean) =>
      set((s) => ({ panels: { ...s.panels, [panel]: isOpen } })),
    /** L or the Lecture button: on (and full screen, which needs this user gesture) or off. */
    toggleLecture(): void {
      const on = !get().lecture;
      setLecture(on);
      if (on && typeof document !== 'undefined' && !document.fullscreenElement) toggleFullscreen();
    },
    toggleFullscreen,
    setHelp: (isOpen: boolean) => set({ help: isOpen }),
    setGallery: (isOpen: boolean) => set({ gallery: isOpen }),
    /** Esc: the help, else the gallery, else lecture mode closes. */
    escape(): void {
      const s = get();
      if (s.help) set({ help: false });
      else if (s.gallery) set({ gallery: false });
      else if (s.lecture) setLecture(false);
    },
  };
}

export type PlaygroundActions = ReturnType<typeof createCommands>;

/** F: full screen on, or off again; refused requests (no user gesture, iframe policy) are ignored. */
function toggleFullscreen(): void {
  if (typeof document === 'undefined') return;
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  const root = document.documentElement;
  if (typeof root.requestFullscreen !== 'function') return;
  void root.requestFullscreen().catch(() => undefined);
}
