/** The scenario being run, including the actions the user recorded by clicking. */
import type { Scenario } from '../engine';

/** A run saved in this browser (local storage) that differs from the one open: offered back. */
export interface SavedRun {
  scenario: Scenario;
  at: number;
  /** When it was saved (ms since the epoch). */
  savedAt: number;
}

export interface ScenarioSlice {
  scenario: Scenario | null;
  /** Input refused at the edges (bad URL, invalid edit or file); the current run goes on. */
  inputError: string | null;
  /** A note on input that opened anyway (e.g. a link's bad `&at=` ignored). */
  inputNote: string | null;
  /** A refused link: it stays in the address bar (not overwritten) until the user moves on. */
  heldLink: boolean;
  /** The last URL `Share` produced. */
  shareUrl: string | null;
  /** Why Share gave no link (the run is too large for one); the file export is offered instead. */
  shareRefusal: string | null;
  /** The run saved before the last reload, when it is not the one open ("Restore your last run"). */
  savedRun: SavedRun | null;
}

export const initialScenario: ScenarioSlice = {
  scenario: null,
  inputError: null,
  inputNote: null,
  heldLink: false,
  shareUrl: null,
  shareRefusal: null,
  savedRun: null,
};
