/**
 * The address bar follows the run: `#s=…&at=<step>` of scenario.md, written with
 * `history.replaceState` (throttled, so playing never floods the browser) on every scenario or
 * step change. Only loading a preset adds a history entry (`pushState`), so Back returns to what
 * was open before. A pasted link fires `hashchange`, which main.tsx turns into a load.
 */
import type { Scenario } from '../../engine';
import { LIMITS, MAX_DECODED_BYTES, encodeScenarioHash, toMinimalJson } from '../../share';
import { loadScenario } from '../../store/actions';
import { appStore } from '../../store/appStore';

/** At most one address update per this many milliseconds (the last change always lands). */
export const ADDRESS_THROTTLE_MS = 250;

let timer: ReturnType<typeof setTimeout> | null = null;
let lastWrite = 0;
let lastHash: string | null = null;

/** The `#s=…` part of the last scenario encoded: compressing a big scenario takes milliseconds. */
let encoded: { scenario: Scenario; hash: string } | null = null;

/**
 * A scenario larger than a link may carry (a big scenario file) gets no `#s=…` at all: the link
 * could not be opened, and writing a URL of hundreds of KiB costs a frame every time.
 */
const NO_HASH = '';

function linkable(scenario: Scenario): boolean {
  return new TextEncoder().encode(JSON.stringify(toMinimalJson(scenario))).length <= MAX_DECODED_BYTES;
}

function currentHash(): string | null {
  const { scenario, step } = appStore.getState();
  if (!scenario) return null;
  try {
    // While only the step changes (playing), reuse the compressed scenario; the result is what
    // encodeScenarioHash(scenario, step) returns. A step a link cannot carry takes the encoder,
    // which refuses it.
    if (Number.isInteger(step) && step >= 0 && step <= LIMITS.maxStep) {
      if (encoded?.scenario !== scenario)
        encoded = { scenario, hash: linkable(scenario) ? encodeScenarioHash(scenario) : NO_HASH };
      return encoded.hash === NO_HASH ? NO_HASH : `${encoded.hash}&at=${step}`;
    }
    return linkable(scenario) ? encodeScenarioHash(scenario, step) : NO_HASH;
  } catch {
    return null;
  }
}

function write(): void {
  timer = null;
  lastWrite = Date.now();
  const hash = currentHash();
  if (hash === null || hash === lastHash) return;
  lastHash = hash;
  if (location.hash === hash) return;
  try {
    history.replaceState(history.state, '', hash === NO_HASH ? location.pathname + location.search : hash);
  } catch {
    // A browser that rate-limits the history API: the next change tries again.
    lastHash = null;
  }
}

function schedule(): void {
  if (timer !== null) return;
  const wait = Math.max(0, ADDRESS_THROTTLE_MS - (Date.now() - lastWrite));
  timer = setTimeout(write, wait);
}

/** Starts following the store; returns the unsubscribe. */
export function startAddressBarSync(): () => void {
  const unsubscribe = appStore.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.step !== prev.step) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}

/** Opens a scenario as a new history entry (a preset chosen in the gallery). */
export function openAsNewEntry(scenario: Scenario, at = 0): void {
  const hash = encodeScenarioHash(scenario, at);
  try {
    history.pushState(null, '', hash);
    lastHash = hash;
  } catch {
    // Still open it; only the history entry is missing.
  }
  loadScenario(scenario, at);
}
