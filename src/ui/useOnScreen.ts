import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is on screen or within `margin` of it (an IntersectionObserver's root
 * margin), so that a panel below the fold can skip work nobody sees and catch up just before it
 * scrolls into view. Hidden by CSS (`display: none`) counts as off screen. True until measured.
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
    return () => observer.disconnect();
  }, [ref, margin]);
  return onScreen;
}
