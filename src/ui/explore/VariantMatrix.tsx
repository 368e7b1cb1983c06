import { INVARIANTS } from '../../engine';
import type { Finding } from '../../explore/explore';
import { useExplore, useExplorer } from './context';
import { MATRIX } from '../../explore/matrix';

/** The non-quiescent outcomes a search can end in. */
const OUTCOMES = ['hung', 'panic', 'killed', 'bug'] as const;

const COLUMNS: { kind: Finding['kind']; name: string }[] = [
  ...INVARIANTS.map((name) => ({ kind: 'invariant' as const, name })),
  ...OUTCOMES.map((name) => ({ kind: 'outcome' as const, name })),
];

/** The same machine under every variant: reachable or not, shortest length, load the counterexample. */
export function VariantMatrix() {
  const explorer = useExplorer();
  const matrix = useExplore((s) => s.matrix);
  const running = useExplore((s) => s.running);
  if (!matrix) return null;
  // After Cancel, the rows never reached say so instead of waiting.
  const pending = running ? '…' : '—';
  return (
    <div className="matrix-wrap">
      <table className="matrix" data-testid="explore-matrix">
        <caption>
          Each variant explored completely: the shortest counterexample (in steps) for every invariant and
          outcome, or — when no interleaving reaches it.
        </caption>
        <thead>
          <tr>
            <th scope="col">variant</th>
            <th scope="col">states</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={`${c.kind}-${c.name}`} className={`matrix-col matrix-${c.kind}`}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MATRIX.map((row, r) => {
            const report = matrix[r] ?? null;
            return (
              <tr key={row.label} data-testid={`matrix-row-${r}`}>
                <th scope="row" className="mono">
                  {row.label}
                </th>
                <td className="matrix-states">
                  {report ? (
                    <span title={report.complete ? 'complete' : `incomplete: ${report.message ?? 'stopped'}`}>
                      {report.states.toLocaleString('en')}
                      {!report.complete && '+'}
                    </span>
                  ) : (
                    <span className="muted" title={running ? 'not explored yet' : 'not explored (cancelled)'}>
                      {pending}
                    </span>
                  )}
                </td>
                {COLUMNS.map((c) => {
                  const key = `${c.kind}-${c.name}`;
                  const f = report?.findings.find((x) => x.kind === c.kind && x.name === c.name);
                  return (
                    <td key={key} className={f ? 'matrix-hit' : 'matrix-none'}>
                      {!report ? (
                        <span className="muted">{pending}</span>
                      ) : f ? (
                        <button
                          type="button"
                          data-testid={`matrix-${r}-${key}`}
                          onClick={() => explorer.openFinding(f)}
                          title={`${row.label}: ${f.message} — load this ${f.steps}-step counterexample`}
                        >
                          {f.steps}
                        </button>
                      ) : (
                        <span
                          className="muted"
                          title={report.complete ? 'unreachable' : 'not found (incomplete)'}
                        >
                          —
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
