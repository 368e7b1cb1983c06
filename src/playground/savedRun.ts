/**
 * The current run, saved in this browser so that a reload or a crashed tab does not lose it. One
 * slot in localStorage; a run too long for it (over MAX_SAVED_CHARS) has its scenario written once
 * to IndexedDB (savedRunDb.ts) and the slot keeps only the position. Bounded like a file: a run
 * whose scenario is larger than the largest file an import reads is not saved, and the slot is
 * emptied rather than left with an older run. What is read back is untrusted and read like a file
 * (in a worker when large).
 */
import type { Scenario } from '../engine';
import { toMinimalJson } from '../share';
import { MAX_FILE_BYTES } from '../share/importText';
import { readScenarioText } from '../worker/validateClient';
import type { SavedRun } from '../store/scenarioSlice';
import { getSavedRunText, putSavedRunText } from './savedRunDb';

const SAVED_RUN_KEY = 've-playground:last-run';
/** Well under the usual 5 MB per-origin quota (localStorage holds UTF-16 strings). */
const MAX_SAVED_CHARS = 2_000_000;
/** `{"at":…,"savedAt":…,"scenario":` — what saveRun writes before the scenario's JSON. */
const HEAD = /^\{"at":(\d{1,10}),"savedAt":(\d{1,16}),"scenario":/;
/** The slot of a run whose scenario is in IndexedDB: only the position, so that it is written at once. */
const IN_DB = /^\{"at":(\d{1,10}),"savedAt":(\d{1,16}),"in":"indexeddb"\}$/;
/** The scenario JSON IndexedDB holds (as far as this page knows): a new position need not rewrite it. */
let inDb: string | null = null;
/** The newest save of a scenario whose IndexedDB write is under way; superseded by any later save. */
let latest: { json: string; slot: string } | null = null;

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
  const json = scenarioText(scenario);
  const text = `{"at":${at},"savedAt":${now},"scenario":${json}}`;
  const slot = `{"at":${at},"savedAt":${now},"in":"indexeddb"}`;
  const writing = latest?.json === json;
  latest = null;
  if (json.length > MAX_FILE_BYTES) {
    // Rather nothing than an older run offered back as if it were this one.
    remove(store);
    return false;
  }
  if (text.length <= MAX_SAVED_CHARS) return write(store, text);
  // Only the position changed (a long run playing, or the flush as the tab goes): one small write.
  if (json === inDb) return write(store, slot);
  latest = { json, slot };
  if (!writing) {
    void putSavedRunText(json).then((kept) => {
      if (kept) inDb = json;
      if (latest?.json !== json) return;
      if (!kept || !write(store, latest.slot)) remove(store);
      latest = null;
    });
  }
  return true;
}

function write(store: Storage, text: string): boolean {
  try {
    store.setItem(SAVED_RUN_KEY, text);
    return true;
  } catch {
    return false;
  }
}

function remove(store: Storage): void {
  try {
    store.removeItem(SAVED_RUN_KEY);
  } catch {
    // Storage refused: nothing was kept.
  }
}

/** The saved run, or null when there is none or it does not validate. */
export async function readSavedRun(): Promise<SavedRun | null> {
  const slot = storage()?.getItem(SAVED_RUN_KEY) ?? null;
  if (slot === null) return null;
  const inDbSlot = IN_DB.exec(slot);
  const head = inDbSlot ?? HEAD.exec(slot);
  if (head === null) return null;
  let json: string | null;
  if (inDbSlot) json = await getSavedRunText();
  else json = slot.endsWith('}') ? slot.slice(head[0].length, -1) : null;
  if (json === null) return null;
  const read = await readScenarioText(json, 'the saved run');
  if (!read.ok) return null;
  if (inDbSlot) inDb = json;
  return { scenario: read.scenario, at: Number(head[1]), savedAt: Number(head[2]) };
}
