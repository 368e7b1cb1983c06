/**
 * The teaching features' state is the teach slice of the playground's store (store/teachSlice.ts);
 * `useTeach` reads it, the commands (lecture, help, gallery) are in `useActions()`.
 */
import { useApp, type AppState } from '../../store/appStore';
import type { TeachSlice } from '../../store/teachSlice';

export function useTeach<T>(selector: (state: TeachSlice) => T): T {
  return useApp((s: AppState) => selector(s));
}

/** `?lecture=1`, `?embed=1`: flags of the page's query. */
export function queryFlag(name: string): boolean {
  if (typeof location === 'undefined') return false;
  const v = new URLSearchParams(location.search).get(name);
  return v !== null && v !== '0' && v !== 'false';
}
