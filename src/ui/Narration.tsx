import { useApp } from '../store/appStore';

/** The scenario's caption for the current step (the latest one whose `at` has been reached). */
export function Narration() {
  const narration = useApp((s) => s.scenario?.narration ?? null);
  const step = useApp((s) => s.step);
  const caption = narration?.filter((c) => c.at <= step).at(-1);
  if (!caption) return null;
  return (
    <p className="narration" aria-live="polite">
      » {caption.text}
    </p>
  );
}
