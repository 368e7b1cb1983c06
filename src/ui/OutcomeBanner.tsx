import { useApp } from '../store/appStore';

const BAD = new Set(['panic', 'killed', 'bug', 'hung']);

/** The end of the simulated guest, in words; only the bad endings get the banner. */
export function OutcomeBanner() {
  const outcome = useApp((s) => s.snapshot?.outcome ?? null);
  const message = useApp((s) => s.snapshot?.message ?? null);
  if (!outcome) return null;
  if (!BAD.has(outcome)) {
    const text =
      outcome === 'quiescent'
        ? 'Quiescent: nothing left to do. Click a page to fault again, or go Back.'
        : `Run ended: ${outcome}${message ? ` — ${message}` : ''}`;
    return (
      <div className="outcome-quiet" role="status">
        {text}
      </div>
    );
  }
  return (
    <div className={`outcome outcome-${outcome}`} data-testid="outcome" role="alert">
      <b>☠ {outcome.toUpperCase()}</b> — {message ?? 'the run ended'}
    </div>
  );
}
