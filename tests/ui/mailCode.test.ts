/** The code panel covers every step label exactly once (the UI contract's code-line hooks). */
import { describe, expect, it } from 'vitest';
import { HOST_LABELS, VCPU_LABELS } from '../../src/engine';
import { MAIL_CODE } from '../../src/ui/code/mailCode';

describe('mailCode', () => {
  it('has one block per step label', () => {
    const labels = MAIL_CODE.flatMap((s) => s.blocks.map((b) => b.label)).filter((l) => l !== null);
    expect([...labels].sort()).toEqual([...VCPU_LABELS, ...HOST_LABELS].sort());
  });

  it('quotes the mail verbatim', () => {
    const text = MAIL_CODE.flatMap((s) => s.blocks.flatMap((b) => b.lines)).join('\n');
    for (const line of [
      'idx = find_first_zero_bit(vp->active, N_ENTRIES);',
      'rcuwait_wait_event(&info->wait, info->state != CAN_CONTINUE, TASK_IDLE);',
      'info = vp->info + vp->host_current;',
      'queue_completion(vcpu, idx);',
    ]) {
      expect(text).toContain(line);
    }
  });
});
