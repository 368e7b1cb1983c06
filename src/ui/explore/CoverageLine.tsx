import { useExplore } from './context';

/** How much of the last exploration the run being played by hand has visited. */
export function CoverageLine() {
  const c = useExplore((s) => s.coverage);
  if (!c) return null;
  if (!c.sameMachine)
    return (
      <p className="explore-coverage muted" data-testid="explore-coverage">
        Coverage: the playground runs another machine or variant than the one explored.
      </p>
    );
  const pct = c.total > 0 ? (100 * c.visited) / c.total : 0;
  return (
    <p className="explore-coverage" data-testid="explore-coverage" data-visited={c.visited}>
      Coverage (the run in the playground, against the exploration of its variant):{' '}
      <b>{c.visited.toLocaleString('en')}</b> of {c.total.toLocaleString('en')} explored states (
      {pct < 0.01 && c.visited > 0 ? '<0.01' : pct.toFixed(2)}%)
      {c.outside > 0 && <>, {c.outside} not met by the explorer</>}
      {c.leftAt !== null && (
        <> · left the explored space at step {c.leftAt} (an access beyond the explored ones)</>
      )}
      {' · '}
      {c.reached.length > 0 ? (
        <>
          findings reached: <b data-testid="explore-reached">{c.reached.join(', ')}</b>
        </>
      ) : (
        'no finding reached yet'
      )}
    </p>
  );
}
