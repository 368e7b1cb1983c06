import { useEffect } from 'react';
import { tinykeys } from 'tinykeys';
import { back, pause, reset, step, togglePlay } from '../store/actions';

/** Focus in a form field means the user is typing, not driving the run. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A binding that ignores typing and modified keys; Space on a focused button presses that button. */
function guarded(run: () => void, preventDefault = true): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
    if (preventDefault) e.preventDefault();
    run();
  };
}

/**
 * Space / → / PageDown step, ← / PageUp back, P play/pause, `.` pause (what presentation
 * clickers send), R reset. Key matching is tinykeys' (event.key or event.code, any layout).
 */
export function useKeyboard(): void {
  useEffect(
    () =>
      tinykeys(window, {
        Space: guarded(step),
        ArrowRight: guarded(step),
        PageDown: guarded(step),
        ArrowLeft: guarded(back),
        PageUp: guarded(back),
        p: guarded(togglePlay, false),
        'Shift+p': guarded(togglePlay, false),
        '.': guarded(pause, false),
        r: guarded(reset, false),
        'Shift+r': guarded(reset, false),
      }),
    [],
  );
}
