import { INVARIANTS } from '../engine';
import { useActions, useApp } from '../store/appStore';
import type { Violation } from '../engine';

/** A stable empty list: a fresh [] per render would make the store selector loop. */
const NONE: Violation[] = [];

/** protocol.md §4: green while it holds, red with the first break (a click jumps there). */
export function InvariantList() {
  const { seek } = useActions();
  const violations = useApp((s) => s.snapshot?.violations ?? NONE);
  return (
    <section className="panel invariants" aria-label="invariants">
      <h3>Invariants</h3>
      <ul>
        {INVARIANTS.map((name) => {
          const first = violations.find((v) => v.invariant === name) ?? null;
          return (
            <li key={name}>
              <button
                type="button"
                className={`invariant ${first ? 'inv-broken' : 'inv-ok'}`}
                data-testid={`invariant-${name}`}
                data-broken={first ? 'true' : 'false'}
                title={first ? `${first.message} — click to go to step ${first.step}` : 'holds so far'}
                onClick={() => first && seek(first.step + 1)}
              >
                <span className="inv-icon">{first ? '✗' : '✓'}</span> {name}
                {first && (
                  <span className="inv-msg">
                    {' '}
                    — broken at step {first.step}: {first.message}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
