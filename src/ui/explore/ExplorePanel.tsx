import { lazy, useEffect } from 'react';
import { useApp } from '../../store/appStore';
import { Deferred } from '../Lazy';
import { FindingList } from './FindingList';
import { ProgressLine } from './ProgressLine';
import { BoundsInputs } from './BoundsInputs';
import { useExplore, useExplorer } from './context';
import type { StopReason } from '../../explore/explore';
import './explore.css';

// The results (findings, the variant matrix, coverage) are chunks of their own: the buttons render
// at first paint, what they produce loads with the first report.
const CoverageLine = lazy(() => import('./CoverageLine').then((m) => ({ default: m.CoverageLine })));
const VariantMatrix = lazy(() => import('./VariantMatrix').then((m) => ({ default: m.VariantMatrix })));

/** How long the playground must stay still before coverage is recomputed (it replays the run). */
const COVERAGE_DEBOUNCE_MS = 120;

/**
 * Asks for coverage once the playground has been still for a moment. A component of its own: it
 * follows every step, and the panel around it need not re-render with it.
 */
function CoverageRequests() {
  const explorer = useExplorer();
  const report = useExplore((s) => s.report);
  const matrix = useExplore((s) => s.matrix);
  const scenario = useApp((s) => s.scenario);
  const step = useApp((s) => s.step);
  useEffect(() => {
    const timer = setTimeout(explorer.requestCoverage, COVERAGE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [explorer, scenario, step, report, matrix]);
  return null;
}

/**
 * explore.md "In the playground": every interleaving of this machine, in a worker of its own.
 * Each playground explores its own machine (its explorer and `explore` slice).
 */
export function ExplorePanel() {
  const explorer = useExplorer();
  const running = useExplore((s) => s.running);
  const cancelling = useExplore((s) => s.cancelling);
  const report = useExplore((s) => s.report);
  const matrix = useExplore((s) => s.matrix);
  const error = useExplore((s) => s.error);
  const exploredTitle = useExplore((s) => s.exploredTitle);
  const scenario = useApp((s) => s.scenario);

  return (
    <section className="panel explore" aria-label="explore">
      <CoverageRequests />
      <div className="explore-head">
        <h3>Explore every interleaving</h3>
        <div className="explore-buttons">
          {running ? (
            <button
              type="button"
              aria-label="Cancel"
              onClick={explorer.cancel}
              disabled={cancelling}
              title="Stop the search and keep what it found so far"
            >
              ■ <span>Cancel</span>
            </button>
          ) : (
            <>
              <button
                type="button"
                aria-label="Explore"
                onClick={explorer.start}
                disabled={!scenario}
                title="Search every interleaving of this machine and variant (its explore block, or each page once on each vCPU)"
              >
                ▷ <span>Explore</span>
              </button>
              <button
                type="button"
                aria-label="Explore all variants"
                onClick={explorer.startMatrix}
                disabled={!scenario}
                title="Explore this machine under {}, each switch alone, and both fixes (8 searches)"
              >
                ▦ <span>Explore all variants</span>
              </button>
            </>
          )}
        </div>
      </div>
      <BoundsInputs disabled={running !== null} />
      {running && <ProgressLine />}
      {error && (
        <p className="explore-error" role="alert">
          {error}
        </p>
      )}
      {!running && !report && !matrix && !error && (
        <p className="muted explore-hint">
          Breadth-first over every order of steps, page-ins finishing at any time and the machine&apos;s
          accesses at any step: the first counterexample found for anything is a shortest one.
        </p>
      )}
      {report && (
        <div className="explore-result">
          <p className="muted explore-what">Explored: {exploredTitle}</p>
          <ExploreStatus />
          {/* Not split off: the findings appear together with explore-status (ui-contract.md). */}
          <FindingList report={report} />
        </div>
      )}
      {matrix && (
        <>
          <p className="muted explore-what">Variants of: {exploredTitle}</p>
          <Deferred what="the matrix">
            <VariantMatrix />
          </Deferred>
        </>
      )}
      {(report || matrix) && !running && (
        <Deferred what="coverage">
          <CoverageLine />
        </Deferred>
      )}
    </section>
  );
}

const STOPPED: Record<StopReason, string> = {
  'max-states': 'maxStates reached',
  'max-memory': 'memory bound reached',
  cancelled: 'cancelled',
  error: 'the search failed',
};

function ExploreStatus() {
  const report = useExplore((s) => s.report);
  if (!report) return null;
  const outcomes = Object.entries(report.outcomes).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <p
        className="explore-status"
        data-testid="explore-status"
        data-complete={report.complete ? 'true' : 'false'}
      >
        <b>{report.complete ? 'Complete' : `Incomplete (${STOPPED[report.reason ?? 'cancelled']})`}</b>:{' '}
        {report.states.toLocaleString('en')} states, {report.transitions.toLocaleString('en')} transitions,
        depth {report.depth}, {report.seconds.toFixed(2)} s
      </p>
      {!report.complete && report.message && (
        <p className="muted explore-stopped" data-testid="explore-stopped" data-reason={report.reason}>
          {report.message}
        </p>
      )}
      <p className="explore-outcomes" data-testid="explore-outcomes">
        At rest or terminal:{' '}
        {outcomes.length === 0
          ? 'none'
          : outcomes.map(([name, n], i) => (
              <span
                key={name}
                className={`explore-outcome outcome-${name}`}
                data-testid={`explore-outcome-${name}`}
              >
                {i > 0 && ' · '}
                {name} {n.toLocaleString('en')}
              </span>
            ))}
      </p>
    </>
  );
}
