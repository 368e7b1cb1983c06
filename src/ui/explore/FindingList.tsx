import type { ExploreReport } from '../../explore/explore';
import { useExplorer } from './context';

/** One button per finding; a click loads its counterexample at the breaking step. */
export function FindingList({ report }: { report: ExploreReport }) {
  const explorer = useExplorer();
  if (report.findings.length === 0)
    return (
      <p className="explore-none" data-testid="explore-no-findings">
        {report.complete
          ? 'No invariant breaks and no outcome other than quiescent, in any interleaving.'
          : 'Nothing found in the states searched (the search is incomplete).'}
      </p>
    );
  return (
    <ul className="findings" aria-label="findings">
      {report.findings.map((f) => (
        <li key={`${f.kind}-${f.name}`}>
          <button
            type="button"
            className={`finding finding-${f.kind}`}
            data-testid={`finding-${f.kind}-${f.name}`}
            onClick={() => explorer.openFinding(f)}
            title={`${f.message} — click to load this ${f.steps}-step counterexample at its last step`}
          >
            <span className="finding-kind">{f.kind === 'invariant' ? '✗ invariant' : '■ outcome'}</span>{' '}
            <b className="finding-name">{f.name}</b> <span className="finding-steps">in {f.steps} steps</span>
            <span className="finding-msg">{f.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
