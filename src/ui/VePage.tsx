import { memo } from 'react';
import type { SlotSnapshot } from '../engine';
import { CurrentPointers } from './CurrentPointers';
import { changedAttr, sameSlot, usePreviousVcpu } from './stage/changes';

const SLOT_ICON: Record<string, string> = {
  NONE: '·',
  CAN_CONTINUE: '‖',
  SUSPEND_ME: '■',
  RESOLVED: '✓',
  FAIL: '✗',
};

/** Short names for the dense layout of big pages (more than 8 entries). */
const SLOT_SHORT: Record<string, string> = {
  NONE: '·',
  CAN_CONTINUE: 'CC',
  SUSPEND_ME: 'SM',
  RESOLVED: 'R',
  FAIL: 'F',
};

interface VePageProps {
  vcpu: number;
  slots: readonly SlotSnapshot[];
  active: readonly boolean[];
  guestCurrent: number;
  hostCurrent: number;
  /** Many vCPUs: lean cells (one element each, colours from data-attributes). */
  compact?: boolean;
}

/** One bit of `active`; memoised, so a frame re-renders only the bits that changed. */
interface BitProps {
  vcpu: number;
  j: number;
  on: boolean;
  /** The bit as shown before the last step, undefined when there is nothing to compare with. */
  was: boolean | undefined;
}

const Bit = memo(function Bit({ vcpu, j, on, was }: BitProps) {
  return (
    <span
      className={`bit ${on ? 'bit-on' : ''}`}
      data-testid={`bit-${vcpu}-${j}`}
      data-active={on ? 'true' : 'false'}
      data-changed={changedAttr(was, on)}
      title={`active[${j}] = ${on ? 1 : 0}`}
    >
      {on ? '1' : '0'}
    </span>
  );
});

/**
 * The compact layout's bit: one element and no children; CSS colours it from `data-active`. Many
 * vCPUs change nearly every bit each frame, so a cell must cost as little layout and paint as it can.
 */
const LeanBit = memo(function LeanBit({ vcpu, j, on, was }: BitProps) {
  return (
    <span
      className="bit"
      data-testid={`bit-${vcpu}-${j}`}
      data-active={on ? 'true' : 'false'}
      data-changed={changedAttr(was, on)}
      title={`active[${j}]`}
    />
  );
});

interface SlotProps {
  vcpu: number;
  j: number;
  /** Kept by reference while its vCPU is unchanged (EngineClient), so memo compares it by reference. */
  slot: SlotSnapshot;
  /** The slot as shown before the last step (shared by reference while unchanged). */
  was: SlotSnapshot | undefined;
  dense: boolean;
  guest: boolean;
  host: boolean;
}

/** One `info[j]`; memoised like the bits. */
const Slot = memo(function Slot({ vcpu, j, slot, was, dense, guest, host }: SlotProps) {
  return (
    <li
      className={`slot slot-${slot.state}`}
      data-testid={`slot-${vcpu}-${j}`}
      data-state={slot.state}
      data-changed={changedAttr(was, slot, sameSlot)}
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
            info[{j}]{guest ? ' G' : ''}
            {host ? ' H' : ''}
          </span>
          <span className="slot-state">
            {SLOT_ICON[slot.state]} {slot.state.replace('_', '_\u200b')}
          </span>
          <span className="slot-gpa mono">{slot.gpa ?? '—'}</span>
          {slot.wait && <span className="slot-wait">⚑ {slot.wait}</span>}
        </>
      )}
    </li>
  );
});

/** The compact layout's slot: one element, one text node; CSS colours it from `data-state`. */
type LeanSlotProps = Pick<SlotProps, 'vcpu' | 'j' | 'slot' | 'was'>;

const LeanSlot = memo(function LeanSlot({ vcpu, j, slot, was }: LeanSlotProps) {
  return (
    <li
      className="slot"
      data-testid={`slot-${vcpu}-${j}`}
      data-state={slot.state}
      data-changed={changedAttr(was, slot, sameSlot)}
      title={`info[${j}]: ${slot.state}${slot.gpa ? `, gpa ${slot.gpa}` : ''}${slot.wait ? `, wait: ${slot.wait}` : ''}`}
    >
      {`${SLOT_SHORT[slot.state]}${slot.wait ? '⚑' : ''}`}
    </li>
  );
});

/**
 * `struct ve_page`: the active bitmap, info[] and the two current indices. Memoised on its own
 * parts of the vCPU (the store keeps unchanged arrays by reference), so a vCPU whose page did not
 * change skips it, and one whose page did re-renders only the changed cells.
 */
export const VePage = memo(function VePage({
  vcpu: i,
  slots,
  active,
  guestCurrent,
  hostCurrent,
  compact = false,
}: VePageProps) {
  const entries = slots.length;
  const dense = entries > 8;
  // Many vCPUs with big pages: lean cells, and fixed-size cells whose layout stays local.
  const lean = compact && dense;
  const previous = usePreviousVcpu(i);
  return (
    <section className="ve-page" aria-label={`ve_page of vCPU ${i}`}>
      <h4>ve_page</h4>
      <div className="currents">
        <span className="ptr-label ptr-guest">
          guest_current ={' '}
          <b
            data-testid={`guest-current-${i}`}
            data-changed={changedAttr(previous?.guestCurrent, guestCurrent)}
          >
            {guestCurrent}
          </b>
        </span>
        <span className="ptr-label ptr-host">
          host_current ={' '}
          <b data-testid={`host-current-${i}`} data-changed={changedAttr(previous?.hostCurrent, hostCurrent)}>
            {hostCurrent}
          </b>
        </span>
      </div>
      <CurrentPointers entries={entries} guest={guestCurrent} host={hostCurrent} />
      <div
        className={`bits ${lean ? 'bits-lean' : ''}`}
        style={{ gridTemplateColumns: `repeat(${entries}, 1fr)` }}
        aria-label="active bitmap"
      >
        {active.map((on, j) =>
          lean ? (
            <LeanBit key={j} vcpu={i} j={j} on={on} was={previous?.active[j]} />
          ) : (
            <Bit key={j} vcpu={i} j={j} on={on} was={previous?.active[j]} />
          ),
        )}
      </div>
      <ol
        className={`slots ${dense ? 'slots-dense' : ''} ${lean ? 'slots-lean' : ''}`}
        style={{ gridTemplateColumns: `repeat(${dense ? Math.min(entries, 16) : entries}, 1fr)` }}
      >
        {slots.map((slot, j) =>
          lean ? (
            <LeanSlot key={j} vcpu={i} j={j} slot={slot} was={previous?.slots[j]} />
          ) : (
            <Slot
              key={j}
              vcpu={i}
              j={j}
              slot={slot}
              was={previous?.slots[j]}
              dense={dense}
              guest={!dense && guestCurrent === j}
              host={!dense && hostCurrent === j}
            />
          ),
        )}
      </ol>
    </section>
  );
});
