import { useEffect, type RefObject } from 'react';
import { bindActionKeys } from '../actions/keys';
import { runAction } from '../actions/run';
import { usePlayground } from '../playground/context';

/** The playground element the user last clicked or focused, when several share the page. */
let lastTouched: HTMLElement | null = null;

/**
 * The registry's keys (src/actions/registry.ts) for this playground. The page's only playground
 * takes every key; with several, a key goes to the one that has focus, or, when focus is nowhere
 * (a clicked control gave it up), to the one last clicked.
 */
export function useKeyboard(element: RefObject<HTMLElement | null>): void {
  const playground = usePlayground();
  useEffect(() => {
    const own = element.current;
    const touch = () => {
      lastTouched = own;
    };
    own?.addEventListener('pointerdown', touch);
    own?.addEventListener('focusin', touch);
    const mine = (e: KeyboardEvent): boolean => {
      if (playground.ownsWindow) return true;
      if (!own) return false;
      const target = e.target instanceof Node ? e.target : null;
      if (target && own.contains(target)) return true;
      return (target === document.body || target === null) && lastTouched === own;
    };
    const unbind = bindActionKeys(window, (action) => void runAction(action, playground), mine);
    return () => {
      unbind();
      own?.removeEventListener('pointerdown', touch);
      own?.removeEventListener('focusin', touch);
      if (lastTouched === own) lastTouched = null;
    };
  }, [playground, element]);
}
