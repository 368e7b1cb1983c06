/**
 * The views' access to their playground's store (src/playground/): `useApp(selector)` reads it,
 * `useActions()` gives the bound commands. Each playground has its own store, found through React
 * context, so two playgrounds in one page never share state.
 *
 * `appStore` and store/actions.ts `loadScenario` are the first playground's, for the Explore
 * panel only (it keeps its own store until it becomes a slice of the playground's).
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { usePlayground } from '../playground/context';
import type { Playground } from '../playground/createPlaygroundStore';
import type { AppState } from '../playground/state';

export type { AppState } from '../playground/state';

/** React binding: re-renders only when the selected value changes (Object.is). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(usePlayground().store, selector);
}

/** The playground's vanilla store itself (for subscriptions and writes outside rendering). */
export function usePlaygroundStore(): StoreApi<AppState> {
  return usePlayground().store;
}

export function useActions(): Playground['actions'] {
  return usePlayground().actions;
}

let first: Playground | null = null;

/** Called by <Playground/>: the first one registered is the one the Explore panel drives. */
export function registerPlayground(playground: Playground): () => void {
  first ??= playground;
  return () => {
    if (first === playground) first = null;
  };
}

function firstStore(): StoreApi<AppState> {
  if (!first) throw new Error('VE Playground: no playground is open');
  return first.store;
}

/** The first playground's store (Explore panel only). */
export const appStore: Pick<StoreApi<AppState>, 'getState' | 'setState' | 'subscribe'> = {
  getState: () => firstStore().getState(),
  setState: (partial, replace) =>
    replace === true ? firstStore().setState(partial as AppState, true) : firstStore().setState(partial),
  subscribe: (listener) => firstStore().subscribe(listener),
};

export function firstPlayground(): Playground | null {
  return first;
}
