/** Which Explorer the panel below is showing: the playground's own, or the app's default one. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Explorer, ExploreState } from './explorer';

export const ExplorerContext = createContext<Explorer | null>(null);

export function useExplorer(): Explorer {
  const explorer = useContext(ExplorerContext);
  if (!explorer) throw new Error('useExplorer: no ExplorerContext above this component');
  return explorer;
}

export function useExplore<T>(selector: (s: ExploreState) => T): T {
  return useStore(useExplorer().store, selector);
}
