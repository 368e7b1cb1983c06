import { useApp } from '../../store/appStore';
import { explainStep } from '../teach/explanations';

/**
 * What the last step did and why, in one plain sentence per event (ui-contract.md
 * `step-explanation`): under the controls in normal mode, in the caption in lecture mode and embeds.
 */
export function StepExplanation({ className = '' }: { className?: string }) {
  const sentence = useApp((s) => explainStep(s.events, s.step));
  return (
    <p className={`step-explanation ${className}`} data-testid="step-explanation">
      <span className="step-badge">Last step</span>{' '}
      {sentence ?? 'Nothing has run yet: press Step (Space or →) to execute the first step.'}
    </p>
  );
}
