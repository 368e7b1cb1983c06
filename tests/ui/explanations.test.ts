/** step-explanation gives the reason: the hardware rule for a VM exit, the can_continue term. */
import { describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/ui/teach/explanations';

const at = (kind: 'hw.access' | 've.decide', detail: Record<string, string | number | boolean | null>) =>
  explainEvent({ step: 5, actor: 'vcpu0', kind, detail });

describe('explanations', () => {
  it('names the hardware rule behind a VM exit', () => {
    const busy = at('hw.access', { gpa: '0x3000', result: 'vmexit', reason: 'busy' });
    expect(busy).toMatch(
      /^vCPU 0 touched 0x3000.*EPT-violation VM exit: the busy word \(reentrancy_protect\) was set/,
    );
    const suppress = at('hw.access', { gpa: '0x4000', result: 'vmexit', reason: 'suppress-#VE' });
    expect(suppress).toContain('suppress-#VE set');
    expect(suppress).not.toContain('busy word');
  });

  it('names the can_continue term that decided', () => {
    const base = { tifWasSet: false, full: false, userMode: false, preemptible: false };
    expect(at('ve.decide', { ...base, tifWasSet: true, canContinue: false })).toContain(
      'test_and_set_thread_flag(TIF_IN_VE) found the flag already set',
    );
    expect(at('ve.decide', { ...base, full: true, canContinue: false })).toContain('bitmap_full() is true');
    expect(at('ve.decide', { ...base, canContinue: false })).toContain(
      'neither user_mode(regs) nor preemptible()',
    );
    expect(at('ve.decide', { ...base, userMode: true, canContinue: true })).toContain(
      'user_mode(regs) is true',
    );
    expect(at('ve.decide', { ...base, preemptible: true, canContinue: true })).toContain(
      'preemptible() is true',
    );
  });
});
