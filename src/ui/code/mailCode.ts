/**
 * The code panel's text: the mail's pseudocode verbatim (Thomas Gleixner, LKML, April 2020), plus
 * the hardware and host events in words. Every step label of src/engine/labels.ts owns exactly one
 * block; lines without a label are the mail's context (declarations, braces).
 */
import type { StepLabel } from '../../engine';

export interface CodeBlock {
  /** The step this block is; null for context lines nobody executes as a step. */
  label: StepLabel | null;
  lines: string[];
  /** Hardware / host events are described, not quoted. */
  prose?: boolean;
  /** Only executed under this variant (struck through otherwise). */
  onlyIf?: { reentrancyClear: 'at-entry' };
  /** Not executed under this variant (struck through then): the re-arm moved to the entry. */
  skippedIf?: { reentrancyClear: 'at-entry' };
  /** The hardware rule in full, for the tooltip (prose lines are kept short on screen). */
  detail?: string;
}

export interface CodeSection {
  id: string;
  title: string;
  blocks: CodeBlock[];
}

const ctx = (...lines: string[]): CodeBlock => ({ label: null, lines });
const at = (label: StepLabel, ...lines: string[]): CodeBlock => ({ label, lines });
const prose = (label: StepLabel, line: string, detail: string): CodeBlock => ({
  label,
  lines: [line],
  prose: true,
  detail,
});
const rearm = (label: 've.cc.clear' | 've.sm.clear'): CodeBlock => ({
  label,
  lines: ['        ve_hwinfo.reentrancy_protect = 0;'],
  skippedIf: { reentrancyClear: 'at-entry' },
});

export const MAIL_CODE: CodeSection[] = [
  {
    id: 'hardware',
    title: 'Hardware rule and VM exits',
    blocks: [
      prose(
        'hw.access',
        'CPU: touch gpa → EPT hit, #VE, or VM exit',
        'Guest code touches a gpa: an EPT hit if present; else a #VE if the EPT entry has suppress-#VE clear and busy == 0; else an EPT-violation VM exit.',
      ),
      prose(
        'hw.ve',
        'CPU: #VE — fill VE info, busy = 0xFFFFFFFF',
        'The CPU delivers #VE (vector 20): it fills the VE information area and sets the busy word (reentrancy_protect) to 0xFFFFFFFF.',
      ),
      prose(
        'vmexit.wait',
        'KVM: VM exit — the vCPU waits for the page',
        'EPT-violation VM exit: the vCPU waits in the host until the page is in.',
      ),
      prose(
        'vmexit.resolved',
        'KVM: page in — re-enter, access again',
        'The page is present: KVM re-enters the guest and the access runs again (a lost page: KVM_RUN fails and the guest is killed).',
      ),
      prose(
        'host.page_in',
        'KVM: a page-in finishes (or FAILs)',
        'Free timing: one page-in finishes — the page is present, or FAIL if it is lost.',
      ),
    ],
  },
  {
    id: 'guest-ve',
    title: 'Guest #VE handler',
    blocks: [
      at('ve.vp', 'struct ve_page *vp = this_cpu_ptr(&ve_page);'),
      ctx('struct ve_info *info;', 'bool can_continue;'),
      {
        label: 've.clear_entry',
        lines: [
          've_hwinfo.reentrancy_protect = 0;   /* variant "at-entry" only: re-armed before the info is saved */',
        ],
        onlyIf: { reentrancyClear: 'at-entry' },
      },
      at('ve.find', 'idx = find_first_zero_bit(vp->active, N_ENTRIES);'),
      at('ve.bug_on', 'BUG_ON(idx >= N_ENTRIES);'),
      at('ve.set_bit', 'set_bit(idx, vp->active);', 'info = vp->info + idx;'),
      at('ve.copy', 'copy_ve_info(&info->hw_info, ve_hwinfo);'),
      at('ve.guest_current', 'vp->guest_current = idx;'),
      at(
        've.decide',
        'if (test_and_set_thread_flag(TIF_IN_VE) || bitmap_full(vp->active, N_ENTRIES))',
        '        can_continue = false;',
        'else',
        '        can_continue = user_mode(regs) || preemptible();',
      ),
      ctx('if (can_continue) {'),
      at('ve.cc.state', '        info->state = CAN_CONTINUE;'),
      at('ve.cc.hypercall', '        hypercall_ve();'),
      rearm('ve.cc.clear'),
      at('ve.cc.wait', '        rcuwait_wait_event(&info->wait, info->state != CAN_CONTINUE, TASK_IDLE);'),
      ctx('} else {'),
      at('ve.sm.state', '        info->state = SUSPEND_ME;'),
      at('ve.sm.hypercall', '        hypercall_ve();'),
      rearm('ve.sm.clear'),
      ctx('}'),
      at('ve.read', 'state = info->state;'),
      at('ve.none', 'info->state = NONE;'),
      at('ve.clear_bit', 'clear_bit(idx, vp->active);'),
      at(
        've.switch',
        'switch (state) {',
        'case RESOLVED:',
        '        break;',
        'case FAIL:',
        '        if (user_mode(regs))',
        '                send_signal(.....);',
        '        else if (!fixup_exception())',
        '                panic("I\'m toast");',
        '        break;',
        'default:',
        '        panic("Confused");',
        '}',
      ),
      at('ve.clear_flag', 'clear_thread_flag(TIF_IN_VE);'),
    ],
  },
  {
    id: 'host-completion',
    title: 'Host completion',
    blocks: [
      ctx('struct ve_page *vp = vcpu->ve_page;', 'struct ve_info *info = vp->info + idx;'),
      at('hc.read', 'state = info->state;'),
      at('hc.write', 'info->state = resolved_state;'),
      at(
        'hc.switch',
        'switch (state) {',
        'case SUSPEND_ME:',
        '        resume_vcpu(vcpu);',
        '        break;',
        'case CAN_CONTINUE:',
        '        queue_completion(vcpu, idx);',
        '        break;',
        'default:',
        '        kill_guest();',
        '}',
      ),
    ],
  },
  {
    id: 'injection',
    title: 'Host completion injection (guest IF=1)',
    blocks: [
      ctx('struct ve_page *vp = vcpu->ve_page;'),
      at('inj.host_current', 'vp->host_current = idx;'),
      at('inj.inject', 'inject_ve_complete(vcpu);'),
    ],
  },
  {
    id: 'guest-completion',
    title: 'Guest completion',
    blocks: [
      ctx('struct ve_page *vp = this_cpu_ptr(&ve_page);', 'struct ve_info *info;'),
      at('gc.info', 'info = vp->info + vp->host_current;'),
      at('gc.wake', 'rcuwait_wake_up(&info->wait);'),
    ],
  },
];
