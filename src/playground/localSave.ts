/**
 * Keeps the run of the page's playground saved in this browser (savedRun.ts) as the user works,
 * and at start offers back the saved run when it is not the one that opened ("Restore your last
 * run"). Until the saved run has been read, and while the offer stands, the slot is left alone; the
 * offer ends when the user restores, dismisses, or changes the scenario that opened (a click, an
 * edit, another scenario: they moved on).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SavedRun } from '../store/scenarioSlice';
import { readSavedRun, saveRun, scenarioText } from './savedRun';
import type { AppState } from './state';

/** At most one write per this many milliseconds while the run changes. */
const SAVE_THROTTLE_MS = 1000;

export function startLocalSave(store: StoreApi<AppState>): () => void {
  /** reading: the saved run is being read (it may be large); offering: it is on offer. */
  let phase: 'reading' | 'offering' | 'saving' = 'reading';
  /** The saved run once read (null: none); undefined while it is being read. */
  let saved: SavedRun | null | undefined;
  /** The text of the first scenario that opened. */
  let opened: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const save = () => {
    timer = null;
    const { scenario, step } = store.getState();
    if (scenario && phase === 'saving') saveRun(scenario, step);
  };
  const schedule = () => {
    if (phase === 'saving') timer ??= setTimeout(save, SAVE_THROTTLE_MS);
  };

  /** Once the saved run is read and a scenario has opened: offer it back, or start saving. */
  const decide = () => {
    if (phase !== 'reading' || saved === undefined || opened === null) return;
    const current = store.getState().scenario;
    const stillOpen = current !== null && scenarioText(current) === opened;
    if (saved && stillOpen && scenarioText(saved.scenario) !== opened) {
      phase = 'offering';
      store.setState({ savedRun: saved });
      return;
    }
    phase = 'saving';
    schedule();
  };
  void readSavedRun().then((run) => {
    if (stopped) return;
    saved = run;
    decide();
  });
  const first = store.getState().scenario;
  if (first) opened = scenarioText(first);

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.scenario && s.scenario !== prev.scenario) {
      const text = scenarioText(s.scenario);
      if (opened === null) {
        opened = text;
        decide();
      } else if (phase === 'offering' && text !== opened) {
        phase = 'saving';
        if (s.savedRun) store.setState({ savedRun: null });
      }
    }
    // Restored (open() clears it) or dismissed.
    if (phase === 'offering' && s.savedRun === null && prev.savedRun !== null) phase = 'saving';
    if (s.scenario === prev.scenario && s.step === prev.step) return;
    schedule();
  });
  // The last position before the tab goes away.
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    if (timer !== null) clearTimeout(timer);
  };
}
