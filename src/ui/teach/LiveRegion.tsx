import { useApp } from '../../store/appStore';
import { explainStep } from './explanations';

/**
 * Announces each step in a plain sentence to screen readers (polite: it never interrupts). Visually
 * hidden; lecture mode shows the same sentence in its caption.
 */
export function LiveRegion() {
  // While playing, steps go by faster than anyone can listen: announce only where the run stops.
  const playing = useApp((s) => s.playing);
  const sentence = useApp((s) => (s.playing ? null : explainStep(s.events, s.step)));
  const step = useApp((s) => s.step);
  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="live-region"
    >
      {playing || sentence === null ? '' : `Step ${step}. ${sentence}`}
    </div>
  );
}
