import { memo } from 'react';
import { BUSY_SET } from '../engine';
import { hex32 } from './hex';
import { changedAttr, usePreviousVcpu } from './stage/changes';

/** The VE information area's second word: set by the CPU on #VE, cleared by the guest's re-arm. */
export const BusyWord = memo(function BusyWord({ vcpu, busy }: { vcpu: number; busy: number }) {
  const set = busy === BUSY_SET;
  const previous = usePreviousVcpu(vcpu)?.busy;
  return (
    <div className={`busy ${set ? 'busy-set' : 'busy-clear'}`}>
      <span className="busy-caption">busy (reentrancy_protect)</span>
      <span className="busy-word" data-testid={`busy-${vcpu}`} data-changed={changedAttr(previous, busy)}>
        {hex32(busy)}
      </span>
      <span className="busy-meaning">
        {set ? '⚠ SET: an EPT violation is a VM exit' : '✓ armed: an EPT violation is a #VE'}
      </span>
    </div>
  );
});
