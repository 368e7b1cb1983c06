import { useEffect } from 'react';
import { back, reset, step, togglePlay } from '../store/actions';

/** Focus in a form field means the user is typing, not driving the run. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Space / → step, ← back, P play/pause, R reset. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Space on a focused button presses that button; do not also step.
      if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
      switch (e.key) {
        case ' ':
        case 'ArrowRight':
          e.preventDefault();
          step();
          break;
        case 'ArrowLeft':
          e.preventDefault();
          back();
          break;
        case 'p':
        case 'P':
          togglePlay();
          break;
        case 'r':
        case 'R':
          reset();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
