/** Trace events in words, for the event log. */
import type { StepLabel, TraceEvent } from '../../engine';

const WORDS: Record<StepLabel, string> = {
  'hw.access': 'touches a page',
  'hw.ve': 'CPU delivers #VE, busy = 0xFFFFFFFF',
  've.vp': 'handler: vp = this_cpu_ptr(&ve_page)',
  've.clear_entry': 'handler re-arms #VE at entry (variant)',
  've.find': 'handler: find_first_zero_bit',
  've.bug_on': 'handler: BUG_ON(idx >= N_ENTRIES)',
  've.set_bit': 'handler: set_bit(idx, active)',
  've.copy': 'handler copies the VE info into its slot',
  've.guest_current': 'handler: guest_current = idx',
  've.decide': 'handler decides: continue or suspend',
  've.cc.state': 'info->state = CAN_CONTINUE',
  've.cc.hypercall': 'hypercall: host starts the page-in, returns',
  've.cc.clear': 're-arms #VE (busy = 0)',
  've.cc.wait': 'rcuwait_wait_event: park or go on',
  've.sm.state': 'info->state = SUSPEND_ME',
  've.sm.hypercall': 'hypercall: host suspends the vCPU',
  've.sm.clear': 're-arms #VE (busy = 0)',
  've.read': 'state = info->state',
  've.none': 'info->state = NONE',
  've.clear_bit': 'clear_bit(idx, active)',
  've.switch': 'handler acts on the result',
  've.clear_flag': 'clear_thread_flag(TIF_IN_VE), return',
  'gc.info': 'completion: info = vp->info + host_current',
  'gc.wake': 'completion: rcuwait_wake_up',
  'vmexit.wait': 'EPT-violation VM exit: waits in the host',
  'hc.read': 'host completion: state = info->state',
  'hc.write': 'host completion: info->state = result',
  'hc.switch': 'host completion: resume / queue / kill',
  'inj.host_current': 'injection: host_current = idx',
  'inj.inject': 'injection: inject_ve_complete',
  'vmexit.resolved': 'VM exit resolved: re-enter guest',
  'host.page_in': 'page-in finished',
};

export function describeEvent(event: TraceEvent): string {
  const detail = Object.entries(event.detail)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return `${WORDS[event.kind] ?? event.kind}${detail ? ` (${detail})` : ''}`;
}
