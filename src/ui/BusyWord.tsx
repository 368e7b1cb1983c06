import { memo } from 'react';
import { BUSY_SET } from '../engine';
import { hex32 } from './hex';

/** The VE information area's second word: set by the CPU on #VE, cleared by the guest's re-arm. */
export const BusyWord = memo(function BusyWord({ vcpu, busy }: { vcpu: number; busy: number }) {
  const set = busy === BUSY_SET;
  return (
    <div className={`busy ${set ? 'busy-set' : 'busy-clear'}`}>
      <span className="busy-caption">busy (reentrancy_protect)</span>
      <span className="busy-word" data-testid={`busy-${vcpu}`}>
        {hex32(busy)}
      </span>
      <span className="busy-meaning">
        {set ? '⚠ SET — a new EPT violation is a VM exit' : '✓ armed — an EPT violation becomes #VE'}
      </span>
    </div>
  );
});
