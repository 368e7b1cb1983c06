import type { Backing, PageSnapshot } from '../engine';
import { useActions, useApp } from '../store/appStore';
import { actorColor, vcpuActor } from './palette';
import { changedAttr, samePage, usePreviousPages } from './stage/changes';

const BACKING_ICON: Record<Backing, string> = { present: '■', swapped: '◌', lost: '✗' };

/**
 * Guest-physical pages. A click makes the selected vCPU access the page at the next step — the
 * only way to fault (and, inside a handler, to nest a fault).
 */
/** The accessible name: everything the button shows, in words. */
function pageName(p: PageSnapshot): string {
  const latency = p.backing === 'swapped' ? `, page-in latency ${p.latency}` : '';
  return `page ${p.gpa}, ${p.backing}${latency}${p.suppressVe ? ', suppress-#VE set' : ''}`;
}

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
            aria-label={pageName(p)}
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
              {p.backing === 'swapped' && <span className="page-latency">latency {p.latency}</span>}
              {p.suppressVe && <span className="page-suppress">suppress-#VE</span>}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
