/** The scenario being run, including the actions the user recorded by clicking. */
import type { Scenario } from '../engine';

export interface ScenarioSlice {
  scenario: Scenario | null;
  /** Input refused at the edges (bad URL, invalid edit); the playground still runs. */
  inputError: string | null;
  /** The last URL `Share` produced. */
  shareUrl: string | null;
}

export const initialScenario: ScenarioSlice = { scenario: null, inputError: null, shareUrl: null };
