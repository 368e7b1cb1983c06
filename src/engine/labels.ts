/**
 * Step labels (protocol.md §2). Each is one line of the seed mail or one hardware / host event;
 * they name trace events, the code panel's lines and the CLI's `kind`.
 */
export const VCPU_LABELS = [
  'hw.access',
  'hw.ve',
  've.vp',
  've.clear_entry', // only with reentrancyClear "at-entry": the re-arm moved before the info is saved
  've.find',
  've.bug_on',
  've.set_bit',
  've.copy',
  've.guest_current',
  've.decide',
  've.cc.state',
  've.cc.hypercall',
  've.cc.clear',
  've.cc.wait',
  've.sm.state',
  've.sm.hypercall',
  've.sm.clear',
  've.read',
  've.none',
  've.clear_bit',
  've.switch',
  've.clear_flag',
  'gc.info',
  'gc.wake',
  'vmexit.wait',
] as const;

export const HOST_LABELS = [
  'hc.read',
  'hc.write',
  'hc.switch',
  'inj.host_current',
  'inj.inject',
  'vmexit.resolved',
  'host.page_in',
] as const;

export type VcpuLabel = (typeof VCPU_LABELS)[number];
export type HostLabel = (typeof HOST_LABELS)[number];
export type StepLabel = VcpuLabel | HostLabel;

/** Lines of the #VE handler, in the order a frame executes them (after `hw.ve`). */
export type VeLabel = Extract<VcpuLabel, `ve.${string}`>;
