/**
 * Keeps the run of the page's playground in localStorage (savedRun.ts) as the user works, and at
 * start offers back the saved run when it is not the one that opened ("Restore your last run").
 * While that offer stands the slot is left alone; it ends when the user restores, dismisses, or
 * changes the scenario that opened (a click, an edit, another scenario: they moved on).
 */
import type { StoreApi } from 'zustand/vanilla';
import { readSavedRun, saveRun, scenarioText } from './savedRun';
import type { AppState } from './state';

/** At most one write per this many milliseconds while the run changes. */
const SAVE_THROTTLE_MS = 1000;

export function startLocalSave(store: StoreApi<AppState>): () => void {
  const saved = readSavedRun();
  /** Pending while the saved run may be offered; `opened` is the text of the scenario that opened. */
  let offer: { opened: string | null } | null = saved ? { opened: null } : null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const save = () => {
    timer = null;
    const { scenario, step } = store.getState();
    if (scenario && !offer) saveRun(scenario, step);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (offer && saved && s.scenario && s.scenario !== prev.scenario) {
      const text = scenarioText(s.scenario);
      if (offer.opened === null) {
        offer.opened = text;
        if (text !== scenarioText(saved.scenario)) {
          store.setState({ savedRun: saved });
          return;
        }
        offer = null;
      } else if (text !== offer.opened) {
        offer = null;
        if (s.savedRun) store.setState({ savedRun: null });
      }
    }
    // Restored (open() clears it) or dismissed.
    if (offer && s.savedRun === null && prev.savedRun !== null) offer = null;
    if (offer || (s.scenario === prev.scenario && s.step === prev.step)) return;
    timer ??= setTimeout(save, SAVE_THROTTLE_MS);
  });
  // The last position before the tab goes away.
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    if (timer !== null) clearTimeout(timer);
  };
}
