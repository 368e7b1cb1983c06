/**
 * The mail's data flow as five stages, and what each line of the protocol moves along it:
 *
 *   guest (tasks, #VE frames, TIF_IN_VE) → VE info (the CPU's VE information area, busy word)
 *   → ve_page (active, info[], guest_current) → host (resolutions, completion queue)
 *   → back (host_current, inject_ve_complete, the guest completion, the wake)
 *
 * Pure: the stage picture (FlowStrip) places each actor by what it executes next, and the move layer
 * (MoveLayer) draws the last step's moves between the readouts named here by their test ids.
 */
import type { HostSnapshot, StepLabel, TraceEvent, VcpuSnapshot } from '../../engine';

export type FlowStage = 'guest' | 've-info' | 've-page' | 'host' | 'back';

export const FLOW_STAGES: readonly { stage: FlowStage; title: string }[] = [
  { stage: 'guest', title: 'guest' },
  { stage: 've-info', title: 'VE info' },
  { stage: 've-page', title: 've_page' },
  { stage: 'host', title: 'host' },
  { stage: 'back', title: 'back' },
];

/** Where each line of the protocol works. */
const STAGE_OF: Record<StepLabel, FlowStage> = {
  'hw.access': 'guest',
  'hw.ve': 've-info',
  've.vp': 've-info',
  've.clear_entry': 've-info',
  've.find': 've-page',
  've.bug_on': 've-page',
  've.set_bit': 've-page',
  've.copy': 've-page',
  've.guest_current': 've-page',
  've.decide': 've-page',
  've.cc.state': 've-page',
  've.cc.hypercall': 'host',
  've.cc.clear': 've-info',
  've.cc.wait': 'guest',
  've.sm.state': 've-page',
  've.sm.hypercall': 'host',
  've.sm.clear': 've-info',
  've.read': 've-page',
  've.none': 've-page',
  've.clear_bit': 've-page',
  've.switch': 'guest',
  've.clear_flag': 'guest',
  'vmexit.wait': 'host',
  'host.page_in': 'host',
  'hc.read': 'host',
  'hc.write': 'host',
  'hc.switch': 'host',
  'inj.host_current': 'back',
  'inj.inject': 'back',
  'gc.info': 'back',
  'gc.wake': 'back',
  'vmexit.resolved': 'back',
};

export function stageOfLabel(label: StepLabel): FlowStage {
  return STAGE_OF[label];
}

/**
 * Where a vCPU is on the flow: the stage of the line it executes next; with nothing to execute, a
 * suspended vCPU (SUSPEND_ME or an EPT-violation VM exit) waits in the host, the others in the guest.
 */
export function vcpuStage(vcpu: VcpuSnapshot): FlowStage {
  if (vcpu.next) return stageOfLabel(vcpu.next);
  if (vcpu.state === 'suspended') return 'host';
  if (vcpu.state === 'in-completion') return 'back';
  return 'guest';
}

/** The host is on the flow while it has work: a resolution to complete or a completion to inject. */
export function hostStage(host: HostSnapshot): FlowStage | null {
  return host.next ? stageOfLabel(host.next) : null;
}

/** One end of a move: readouts tried in order, the first one on screen is used. */
export type Anchor = readonly string[];

/** What one executed line moved, from one readout to another. */
export interface Move {
  /** The line that moved it. */
  kind: StepLabel;
  actor: string;
  from: Anchor;
  to: Anchor;
  /** In the mail's words, drawn beside the arrow. */
  words: string;
}

const id = (testId: string) => `[data-testid="${testId}"]`;
const vcpuPanel = (v: number) => id(`vcpu-${v}`);
const page = (gpa: string): Anchor => [id(`page-${gpa}`)];
const veInfo = (v: number): Anchor => [
  `${vcpuPanel(v)} :is(.ve-info, .ve-info-fold)`,
  id(`busy-${v}`),
  vcpuPanel(v),
];
const slot = (v: number, idx: number): Anchor => [id(`slot-${v}-${idx}`), vcpuPanel(v)];
const host: Anchor = ['section.host'];
const queue = (v: number): Anchor => [id(`completion-queue-${v}`), ...host];

/** `task-{home}-{name}` of a task as events name it ("a", or "vcpu1/a" with several vCPUs). */
function task(name: string, vcpu: number): Anchor {
  const m = /^vcpu(\d+)\/(.+)$/.exec(name);
  const testId = m ? `task-${m[1]}-${m[2]}` : `task-${vcpu}-${name}`;
  return [id(testId), vcpuPanel(m ? Number(m[1]) : vcpu)];
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The moves of one event; none for lines that only change a readout in place (marked by data-changed). */
export function movesOf(event: TraceEvent): Move[] {
  const d = event.detail;
  const self = /^vcpu(\d+)$/.exec(event.actor);
  // The vCPU a line is about: the actor itself, or the `vcpu` a host line names.
  const v = self ? Number(self[1]) : num(d.vcpu);
  if (v === null) {
    const gpa = str(d.gpa);
    if (event.kind === 'host.page_in' && gpa) return [move(event, host, page(gpa), 'page-in')];
    return [];
  }
  const idx = num(d.idx);
  const gpa = str(d.gpa);
  switch (event.kind) {
    case 'hw.access':
      if (!gpa) return [];
      if (d.result === 'vmexit') return [move(event, page(gpa), host, 'EPT-violation VM exit')];
      if (d.result === 've') return [move(event, page(gpa), [id(`busy-${v}`)], 'EPT violation, busy = 0')];
      return [];
    case 'hw.ve':
      return gpa ? [move(event, page(gpa), veInfo(v), '#VE: ve_hwinfo')] : [];
    case 've.copy':
      return idx === null ? [] : [move(event, veInfo(v), slot(v, idx), 'copy_ve_info')];
    case 've.guest_current':
      return idx === null
        ? []
        : [move(event, slot(v, idx), [id(`guest-current-${v}`)], 'guest_current = idx')];
    case 've.cc.hypercall':
    case 've.sm.hypercall':
      return idx === null ? [] : [move(event, slot(v, idx), host, 'hypercall_ve()')];
    case 've.cc.wait': {
      const name = str(d.task);
      return d.parked === true && name && idx !== null
        ? [move(event, task(name, v), slot(v, idx), 'rcuwait_wait_event')]
        : [];
    }
    case 'vmexit.wait':
      return [move(event, [vcpuPanel(v)], host, 'waits in the host')];
    case 'hc.read':
      return idx === null ? [] : [move(event, slot(v, idx), host, 'state = info->state')];
    case 'hc.write':
      return idx === null ? [] : [move(event, host, slot(v, idx), `info->state = ${str(d.state) ?? '?'}`)];
    case 'hc.switch':
      if (d.action === 'queue_completion') return [move(event, host, queue(v), 'queue_completion')];
      if (d.action === 'resume_vcpu') return [move(event, host, [vcpuPanel(v)], 'resume_vcpu')];
      return [];
    case 'inj.host_current':
      return [move(event, queue(v), [id(`host-current-${v}`)], 'host_current = idx')];
    case 'inj.inject':
      return [move(event, queue(v), [vcpuPanel(v)], 'inject_ve_complete')];
    case 'gc.info':
      return idx === null
        ? []
        : [move(event, [id(`host-current-${v}`)], slot(v, idx), 'info = vp->info + host_current')];
    case 'gc.wake': {
      const woke = str(d.woke);
      return woke && idx !== null ? [move(event, slot(v, idx), task(woke, v), 'rcuwait_wake_up')] : [];
    }
    case 'vmexit.resolved':
      return [
        move(event, host, [vcpuPanel(v)], d.result === 'FAIL' ? 'kill the guest' : 're-enter the guest'),
      ];
    default:
      return [];
  }
}

function move(event: TraceEvent, from: Anchor, to: Anchor, words: string): Move {
  return { kind: event.kind, actor: event.actor, from, to, words };
}
