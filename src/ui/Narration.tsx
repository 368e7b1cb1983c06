import { useApp } from '../store/appStore';

/**
 * The scenario's caption for the current step (the latest one whose `at` has been reached). A
 * caption at `at` is written about the step that runs from there, so it is labelled as what
 * comes next; the sentence about the step that just ran is StepExplanation's.
 */
export function NextNarration({ className = '' }: { className?: string }) {
  const narration = useApp((s) => s.scenario?.narration ?? null);
  const step = useApp((s) => s.step);
  const caption = narration?.filter((c) => c.at <= step).at(-1);
  if (!caption) return null;
  return (
    <p className={`narration ${className}`} data-testid="narration">
      <span className="step-badge narration-badge">Next</span> {caption.text}
    </p>
  );
}
