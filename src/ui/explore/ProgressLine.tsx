import { MATRIX, useExplore } from './exploreStore';

/** While a search runs: states, states/s, depth, frontier (and which variant of the matrix). */
export function ProgressLine() {
  const running = useExplore((s) => s.running);
  const p = useExplore((s) => s.progress);
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
          {p.depth} · frontier {p.frontier.toLocaleString('en')}
        </>
      ) : (
        'starting…'
      )}
    </p>
  );
}
