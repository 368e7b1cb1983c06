/**
 * The address bar follows the run: `#s=…&at=<step>` of scenario.md, written with
 * `history.replaceState` (throttled, so playing never floods the browser) on every scenario or
 * step change. Only loading a preset adds a history entry (`pushState`), so Back returns to what
 * was open before. A pasted link fires `hashchange`, which opens it. A refused link is left in the
 * address bar (state `heldLink`) so that the user can correct it, until another run opens.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../engine';
import { LIMITS, encodeScenarioHash } from '../share';
import { fitsInLink } from './linkSize';
import type { AppState } from './state';

/** At most one address update per this many milliseconds (the last change always lands). */
const ADDRESS_THROTTLE_MS = 250;

/**
 * A scenario larger than a link may carry (a big scenario file) gets no `#s=…` at all: the link
 * could not be opened, and writing a URL of hundreds of KiB costs a frame every time.
 */
const NO_HASH = '';

export interface AddressBar {
  /** Opens a scenario as a new history entry (a preset chosen in the gallery). */
  push(scenario: Scenario, at: number): void;
  stop(): void;
}

export function startAddressBar(store: StoreApi<AppState>, openHash: (hash: string) => void): AddressBar {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWrite = 0;
  /** The `#s=…` part of the last scenario encoded: compressing a big scenario takes milliseconds. */
  let encoded: { scenario: Scenario; hash: string } | null = null;

  function currentHash(): string | null {
    const { scenario, step } = store.getState();
    if (!scenario) return null;
    try {
      // While only the step changes (playing), reuse the compressed scenario.
      if (Number.isInteger(step) && step >= 0 && step <= LIMITS.maxStep) {
        if (encoded?.scenario !== scenario)
          encoded = { scenario, hash: fitsInLink(scenario) ? encodeScenarioHash(scenario) : NO_HASH };
        return encoded.hash === NO_HASH ? NO_HASH : `${encoded.hash}&at=${step}`;
      }
      return fitsInLink(scenario) ? encodeScenarioHash(scenario, step) : NO_HASH;
    } catch {
      return null;
    }
  }

  function write(): void {
    timer = null;
    lastWrite = Date.now();
    if (store.getState().heldLink) return;
    const hash = currentHash();
    if (hash === null || location.hash === hash) return;
    try {
      history.replaceState(history.state, '', hash === NO_HASH ? location.pathname + location.search : hash);
    } catch {
      // A browser that rate-limits the history API: the next change tries again.
    }
  }

  function schedule(): void {
    if (timer !== null) return;
    const wait = Math.max(0, ADDRESS_THROTTLE_MS - (Date.now() - lastWrite));
    timer = setTimeout(write, wait);
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.step !== prev.step || s.heldLink !== prev.heldLink) schedule();
  });
  // A pasted link in the same tab opens its scenario too. It is read from the event, not from
  // `location`: a throttled write may have replaced the address since, and the pasted link is put
  // back so that a refused one stays there for the user to correct.
  const onHashChange = (event: HashChangeEvent) => {
    const pasted = pastedHash(event);
    if (location.hash !== pasted) {
      try {
        history.replaceState(history.state, '', pasted === '' ? location.pathname + location.search : pasted);
      } catch {
        // Rate-limited history API: the link still opens.
      }
    }
    openHash(pasted);
  };
  window.addEventListener('hashchange', onHashChange);

  return {
    push(scenario, at) {
      const hash = encodeScenarioHash(scenario, at);
      try {
        history.pushState(null, '', hash);
      } catch {
        // Still open it; only the history entry is missing.
      }
    },
    stop() {
      unsubscribe();
      window.removeEventListener('hashchange', onHashChange);
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** The fragment the user navigated to (`#…`, or '' for none), as the browser encoded it. */
function pastedHash(event: HashChangeEvent): string {
  try {
    return new URL(event.newURL).hash;
  } catch {
    return location.hash;
  }
}
