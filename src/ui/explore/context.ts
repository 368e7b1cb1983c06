/** The Explore panel's view of its playground: the explorer's commands and the `explore` slice. */
import type { Explorer } from '../../playground/explorer';
import { usePlayground } from '../../playground/context';
import { useApp } from '../../store/appStore';
import type { ExploreState } from '../../store/exploreSlice';

export function useExplorer(): Explorer {
  return usePlayground().explorer;
}

export function useExplore<T>(selector: (s: ExploreState) => T): T {
  return useApp((s) => selector(s.explore));
}
