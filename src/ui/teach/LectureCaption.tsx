import { StepExplanation } from '../stage/StepExplanation';
import { NextNarration } from '../Narration';
import { useActions } from '../../store/appStore';
import { useTeach } from './teachStore';

/** Under the picture in lecture mode and in embeds: what comes next and what just happened. */
export function LectureCaption() {
  const lecture = useTeach((s) => s.lecture);
  const { setLecture } = useActions();
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
      <NextNarration className="lecture-narration" />
      <StepExplanation className="lecture-explanation" />
    </footer>
  );
}
