import type { Backing } from '../engine';
import { useActions, useApp } from '../store/appStore';
import { actorColor, vcpuActor } from './palette';
import { changedAttr, samePage, usePreviousPages } from './stage/changes';

const BACKING_ICON: Record<Backing, string> = { present: '■', swapped: '◌', lost: '✗' };

/**
 * Guest-physical pages. A click makes the selected vCPU access the page at the next step — the
 * only way to fault (and, inside a handler, to nest a fault).
 */
export function PagesGrid() {
  const { accessPage } = useActions();
  const pages = useApp((s) => s.snapshot?.pages ?? null);
  const selected = useApp((s) => s.selectedVcpu);
  const previous = usePreviousPages();
  if (!pages) return null;
  return (
    <section className="panel pages" aria-label="guest-physical pages">
      <h3>
        Guest pages — a click makes{' '}
        <span className="sel-vcpu" style={{ borderColor: actorColor(vcpuActor(selected)) }}>
          vCPU {selected}
        </span>{' '}
        access it
      </h3>
      <div className="page-grid">
        {pages.map((p, k) => (
          <button
            type="button"
            key={p.gpa}
            className={`page page-${p.backing}`}
            data-testid={`page-${p.gpa}`}
            data-backing={p.backing}
            data-changed={changedAttr(previous?.[k], p, samePage)}
            aria-label={`page ${p.gpa}, ${p.backing}`}
            title={`vCPU ${selected} touches ${p.gpa} at the next step`}
            onClick={(e) => {
              accessPage(p.gpa);
              // After a mouse click, Space should step, not click the page again.
              if (e.detail > 0) e.currentTarget.blur();
            }}
          >
            <span className="page-gpa mono">{p.gpa}</span>
            <span className="page-backing">
              {BACKING_ICON[p.backing]} {p.backing}
            </span>
            <span className="page-extra">
              {p.backing === 'swapped' ? `latency ${p.latency}` : ''}
              {p.suppressVe ? ' · suppress-#VE' : ''}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
