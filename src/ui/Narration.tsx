import { useActions, useApp } from '../store/appStore';
import { useNarrationOrigin } from './teach/useNarrationOrigin';

/**
 * The scenario's caption for the current step (the latest one whose `at` has been reached). A
 * caption at `at` is written about the step that runs from there, so it is labelled as what
 * comes next; the sentence about the step that just ran is StepExplanation's. Captions written
 * for another variant than the run's are replaced by a note; a preset with a fix offers it.
 */
export function NextNarration({ className = '' }: { className?: string }) {
  const scenario = useApp((s) => s.scenario);
  const step = useApp((s) => s.step);
  const { openAsNewEntry } = useActions();
  const { ready, mismatch, other } = useNarrationOrigin(scenario, step);
  if (!ready) return null;
  if (mismatch !== null) {
    return (
      <p className={`narration narration-note ${className}`} data-testid="narration-note">
        {mismatch}
      </p>
    );
  }
  const caption = scenario?.narration?.filter((c) => c.at <= step).at(-1);
  if (!caption && !other) return null;
  return (
    <p className={`narration ${className}`} data-testid="narration">
      {caption && (
        <>
          <span className="step-badge narration-badge">Next</span> {caption.text}
        </>
      )}
      {other && (
        <button
          type="button"
          className="try-fix"
          data-testid="try-fix"
          title={other.title}
          onClick={() => openAsNewEntry(other.scenario, other.at)}
        >
          {other.label}
        </button>
      )}
    </p>
  );
}
