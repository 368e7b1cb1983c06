/**
 * The current run, saved in this browser (localStorage) so that a reload or a crashed tab does not
 * lose it. One slot, bounded: a run whose JSON is larger than MAX_SAVED_CHARS is not saved (the
 * slot keeps the last run that fitted). What is read back is untrusted and validated like a file.
 */
import type { Scenario } from '../engine';
import { parseScenario, toMinimalJson } from '../share';
import type { SavedRun } from '../store/scenarioSlice';

const SAVED_RUN_KEY = 've-playground:last-run';
/** Well under the usual 5 MB per-origin quota (localStorage holds UTF-16 strings). */
const MAX_SAVED_CHARS = 2_000_000;

/** Scenarios are immutable (an edit makes a new one): each is written out once, not every save. */
const texts = new WeakMap<Scenario, string>();

/** The text a scenario is compared and saved by (defaults left out). */
export function scenarioText(scenario: Scenario): string {
  let text = texts.get(scenario);
  if (text === undefined) {
    // A long run's JSON is megabytes: writing it out every second while playing cost ~30 ms.
    text = JSON.stringify(toMinimalJson(scenario));
    texts.set(scenario, text);
  }
  return text;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (privacy settings, sandboxed frame).
    return null;
  }
}

/** Saves the run; false when it is too large or the browser refuses (quota, privacy mode). */
export function saveRun(scenario: Scenario, at: number, now = Date.now()): boolean {
  const store = storage();
  if (!store) return false;
  const text = `{"at":${at},"savedAt":${now},"scenario":${scenarioText(scenario)}}`;
  if (text.length > MAX_SAVED_CHARS) return false;
  try {
    store.setItem(SAVED_RUN_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/** The saved run, or null when there is none or it does not validate. */
export function readSavedRun(): SavedRun | null {
  const text = storage()?.getItem(SAVED_RUN_KEY) ?? null;
  if (text === null || text.length > MAX_SAVED_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { at, savedAt, scenario } = value as { at?: unknown; savedAt?: unknown; scenario?: unknown };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return null;
  return {
    scenario: parsed.scenario,
    at: typeof at === 'number' && Number.isInteger(at) && at >= 0 ? at : 0,
    savedAt: typeof savedAt === 'number' ? savedAt : 0,
  };
}
