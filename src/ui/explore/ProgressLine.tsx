import { useExplore } from './context';
import { MATRIX } from '../../explore/matrix';

/** While a search runs: states, states/s, depth, frontier, memory, findings so far (and which variant of the matrix). */
export function ProgressLine() {
  const running = useExplore((s) => s.running);
  const p = useExplore((s) => s.progress);
  const cancelling = useExplore((s) => s.cancelling);
  return (
    <p className="explore-progress" data-testid="explore-progress" aria-live="polite">
      <span className="explore-spinner" aria-hidden="true" />
      {running === 'matrix' && p && (
        <span className="explore-run">
          variant {p.run + 1}/{p.runs} ({MATRIX[p.run]?.label}):{' '}
        </span>
      )}
      {p ? (
        <>
          {p.states.toLocaleString('en')} states · {p.statesPerSecond.toLocaleString('en')} states/s · depth{' '}
          {p.depth} · frontier {p.frontier.toLocaleString('en')} · {p.memoryMiB.toLocaleString('en')} MiB ·{' '}
          <span data-testid="explore-progress-findings" data-findings={p.findings}>
            {p.findings === 1 ? '1 finding' : `${p.findings} findings`} so far
          </span>
          {cancelling && ' · stopping…'}
        </>
      ) : (
        'starting…'
      )}
    </p>
  );
}
