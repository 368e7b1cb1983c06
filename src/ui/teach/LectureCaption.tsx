import { useApp } from '../../store/appStore';
import { explainStep } from './explanations';
import { setLecture, useTeach } from './teachStore';

/** Under the picture in lecture mode and in embeds: the scenario's caption and what just happened. */
export function LectureCaption() {
  const narration = useApp((s) => s.scenario?.narration ?? null);
  const step = useApp((s) => s.step);
  const sentence = useApp((s) => explainStep(s.events, s.step));
  const caption = narration?.filter((c) => c.at <= step).at(-1) ?? null;
  const lecture = useTeach((s) => s.lecture);
  return (
    <footer className="lecture-caption" aria-label="caption">
      {lecture && (
        <button
          type="button"
          className="lecture-exit"
          onClick={() => setLecture(false)}
          title="Leave lecture mode (Esc or L)"
        >
          ✕ Leave lecture
        </button>
      )}
      {caption && <p className="lecture-narration">{caption.text}</p>}
      <p className="lecture-explanation" data-testid="step-explanation">
        <span className="lecture-step">step {step}</span>{' '}
        {sentence ?? 'Nothing has run yet: press Space or → to execute the first step.'}
      </p>
    </footer>
  );
}
