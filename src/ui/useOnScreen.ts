import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the element is on screen or within `margin` of it (an IntersectionObserver's root
 * margin), so that a panel below the fold can skip work nobody sees and catch up just before it
 * scrolls into view. Hidden by CSS (`display: none`) counts as off screen. True until measured,
 * and while the page is printed (a printout shows every panel).
 */
export function useOnScreen(ref: RefObject<Element | null>, margin = '50% 0px'): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1);
        if (last) setOnScreen(last.isIntersecting);
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    // At once: the printout is laid out as soon as the event's listeners have run.
    const printing = () => flushSync(() => setOnScreen(true));
    // Observing again reports where the element is now.
    const printed = () => {
      observer.unobserve(el);
      observer.observe(el);
    };
    addEventListener('beforeprint', printing);
    addEventListener('afterprint', printed);
    return () => {
      observer.disconnect();
      removeEventListener('beforeprint', printing);
      removeEventListener('afterprint', printed);
    };
  }, [ref, margin]);
  return onScreen;
}
