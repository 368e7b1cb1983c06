/**
 * The views' access to their playground's store (src/playground/): `useApp(selector)` reads it,
 * `useActions()` gives the bound commands. Each playground has its own store, found through React
 * context, so two playgrounds in one page never share state.
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
