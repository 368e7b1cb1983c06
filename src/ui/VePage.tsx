import type { VcpuSnapshot } from '../engine';
import { CurrentPointers } from './CurrentPointers';

const SLOT_ICON: Record<string, string> = {
  NONE: '·',
  CAN_CONTINUE: '‖',
  SUSPEND_ME: '■',
  RESOLVED: '✓',
  FAIL: '✗',
};

/** `struct ve_page`: the active bitmap, info[] and the two current indices. */
/** Short names for the dense layout of big pages (more than 8 entries). */
const SLOT_SHORT: Record<string, string> = {
  NONE: '·',
  CAN_CONTINUE: 'CC',
  SUSPEND_ME: 'SM',
  RESOLVED: 'R',
  FAIL: 'F',
};

export function VePage({ vcpu }: { vcpu: VcpuSnapshot }) {
  const i = vcpu.index;
  const entries = vcpu.slots.length;
  const dense = entries > 8;
  return (
    <section className="ve-page" aria-label={`ve_page of vCPU ${i}`}>
      <h4>ve_page</h4>
      <div className="currents">
        <span className="ptr-label ptr-guest">
          guest_current = <b data-testid={`guest-current-${i}`}>{vcpu.guestCurrent}</b>
        </span>
        <span className="ptr-label ptr-host">
          host_current = <b data-testid={`host-current-${i}`}>{vcpu.hostCurrent}</b>
        </span>
      </div>
      <CurrentPointers entries={entries} guest={vcpu.guestCurrent} host={vcpu.hostCurrent} />
      <div
        className="bits"
        style={{ gridTemplateColumns: `repeat(${entries}, 1fr)` }}
        aria-label="active bitmap"
      >
        {vcpu.active.map((on, j) => (
          <span
            key={j}
            className={`bit ${on ? 'bit-on' : ''}`}
            data-testid={`bit-${i}-${j}`}
            data-active={on ? 'true' : 'false'}
            title={`active[${j}] = ${on ? 1 : 0}`}
          >
            {on ? '1' : '0'}
          </span>
        ))}
      </div>
      <ol
        className={`slots ${dense ? 'slots-dense' : ''}`}
        style={{ gridTemplateColumns: `repeat(${dense ? Math.min(entries, 16) : entries}, 1fr)` }}
      >
        {vcpu.slots.map((slot, j) => (
          <li
            key={j}
            className={`slot slot-${slot.state}`}
            data-testid={`slot-${i}-${j}`}
            data-state={slot.state}
            title={`info[${j}]: ${slot.state}${slot.gpa ? `, gpa ${slot.gpa}` : ''}${slot.wait ? `, wait: ${slot.wait}` : ''}`}
          >
            {dense ? (
              <span className="slot-short">
                {SLOT_SHORT[slot.state]}
                {slot.wait ? '⚑' : ''}
              </span>
            ) : (
              <>
                <span className="slot-idx">
                  info[{j}]{vcpu.guestCurrent === j ? ' G' : ''}
                  {vcpu.hostCurrent === j ? ' H' : ''}
                </span>
                <span className="slot-state">
                  {SLOT_ICON[slot.state]} {slot.state.replace('_', '_\u200b')}
                </span>
                <span className="slot-gpa mono">{slot.gpa ?? '—'}</span>
                {slot.wait && <span className="slot-wait">⚑ {slot.wait}</span>}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
