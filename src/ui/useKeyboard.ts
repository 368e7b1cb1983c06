import { useEffect, type RefObject } from 'react';
import { bindActionKeys } from '../actions/keys';
import { runAction } from '../actions/run';
import { usePlayground } from '../playground/context';

/**
 * The registry's keys (src/actions/registry.ts) for this playground: on the window when it is the
 * page's only one, else on its own element (keys act on the playground that has focus).
 */
export function useKeyboard(element: RefObject<HTMLElement | null>): void {
  const playground = usePlayground();
  useEffect(() => {
    const target = playground.ownsWindow ? window : element.current;
    if (!target) return;
    return bindActionKeys(target, (action) => {
      runAction(action, playground);
    });
  }, [playground, element]);
}
