/**
 * The host actor (protocol.md §2, "host"): page-ins, the host completion of the mail, the
 * completion injection, and the end of EPT-violation VM exits. The host's ready work goes oldest
 * first (rule 6.9); an injection waits while its vCPU cannot take the interrupt (rule 6.7).
 */
import { gpaLabel, type Machine } from './machine';
import type { HostLabel } from './labels';
import type { Detail } from './detail';
import type { Injection, Resolution, State } from './state';
import { checkWakeups, terminate } from './invariants';
import { inGuest, reschedule, topIf } from './vcpu';
import { violate } from './invariants';

/** Starts bringing a page in; returns the resolution's id. */
export function startResolution(
  m: Machine,
  s: State,
  kind: Resolution['kind'],
  vcpu: number,
  idx: number,
  page: number,
): number {
  const id = s.seq++;
  const latency = page >= 0 && s.pages[page]!.backing !== 'present' ? s.pages[page]!.latency : 1;
  s.resolutions.push({
    id,
    kind,
    vcpu,
    idx,
    page,
    startedAt: s.tick,
    readyAt: m.timing === 'free' ? -1 : s.tick + Math.max(latency, 1),
    finished: false,
    result: null,
    age: 0,
    phase: 0,
    read: 'NONE',
  });
  return id;
}

/** A page-in finishes: the page is present now, or the resolution fails if its backing is lost. */
export function finishPageIn(s: State, r: Resolution): void {
  r.finished = true;
  // Oldest first by ready tick (rule 6.9): in free timing, the tick its page-in finished.
  r.age = r.readyAt >= 0 ? r.readyAt : s.tick;
  if (r.page < 0) {
    r.result = 'RESOLVED';
    return;
  }
  const pg = s.pages[r.page]!;
  if (pg.backing === 'lost') r.result = 'FAIL';
  else {
    pg.backing = 'present';
    r.result = 'RESOLVED';
  }
}

/** Latency timing: page-ins whose time has come finish at the start of the tick (rule 6.5). */
/** Finishes the page-ins due by now (latency timing); returns how many. */
export function finishDuePageIns(s: State): number {
  let n = 0;
  for (const r of s.resolutions)
    if (!r.finished && r.readyAt >= 0 && r.readyAt <= s.tick) {
      finishPageIn(s, r);
      n++;
    }
  return n;
}

/** Whether the vCPU can take the completion interrupt now (rule 6.7). */
export function deliverable(m: Machine, s: State, vi: number): boolean {
  const v = s.vcpus[vi]!;
  if (!inGuest(v)) return false;
  if (v.veDue >= 0) return false; // #VE delivery is atomic (rule 6.2)
  return m.variant.injectWhen === 'always' || topIf(s, v);
}

/** Ready host work: a finished page-in's completion, or a queued injection. */
type Work = Resolution | Injection;

function isInjection(w: Work): w is Injection {
  return !('kind' in w);
}

/** The host's oldest ready work it can do now, if any (no allocation: it runs every tick). */
function oldestWork(m: Machine, s: State): Work | null {
  let best: Work | null = null;
  let bestAge = Infinity;
  let bestId = Infinity;
  for (const r of s.resolutions) {
    if (!r.finished) continue;
    if (r.age < bestAge || (r.age === bestAge && r.id < bestId)) {
      best = r;
      bestAge = r.age;
      bestId = r.id;
    }
  }
  for (const j of s.injections) {
    if (!deliverable(m, s, j.vcpu)) continue;
    if (j.queuedAt < bestAge || (j.queuedAt === bestAge && j.id < bestId)) {
      best = j;
      bestAge = j.queuedAt;
      bestId = j.id;
    }
  }
  return best;
}

function inFlight(s: State, page: number): Resolution | undefined {
  let best: Resolution | undefined;
  for (const r of s.resolutions)
    if (!r.finished && (page < 0 || r.page === page) && (!best || r.startedAt < best.startedAt)) best = r;
  return best;
}

const RES_LABELS: HostLabel[] = ['hc.read', 'hc.write', 'hc.switch'];

/** What the host executes next (free timing: a page-in when there is no ready work). */
export function nextHostLabel(m: Machine, s: State): HostLabel | null {
  const w = oldestWork(m, s);
  if (w) {
    if (isInjection(w)) return w.phase === 0 ? 'inj.host_current' : 'inj.inject';
    return w.kind === 'vmexit' ? 'vmexit.resolved' : RES_LABELS[w.phase]!;
  }
  if (m.timing === 'free' && inFlight(s, -1)) return 'host.page_in';
  return null;
}

/** The gpas with a page-in in flight (free timing: the choices of a host pick). */
export function pageInChoices(s: State): number[] {
  const pages: number[] = [];
  for (const r of s.resolutions) if (!r.finished && !pages.includes(r.page)) pages.push(r.page);
  return pages;
}

/**
 * Executes the host's next step. `pageIn` (free timing) makes it finish the oldest page-in in
 * flight for that page instead.
 */
export function stepHost(m: Machine, s: State, pageIn: number | null): { label: HostLabel; detail: Detail } {
  const w = pageIn === null ? oldestWork(m, s) : null;
  if (!w) {
    const r = inFlight(s, pageIn ?? -1)!;
    finishPageIn(s, r);
    return { label: 'host.page_in', detail: { gpa: gpaLabel(m, r.page), result: r.result } };
  }
  if (isInjection(w)) return inject(m, s, w);
  const r = w;
  if (r.kind === 'vmexit') return vmexitResolved(m, s, r);
  return hostCompletion(m, s, r);
}

/** The mail's host completion: state = info->state; info->state = resolved_state; switch (state). */
function hostCompletion(m: Machine, s: State, r: Resolution): { label: HostLabel; detail: Detail } {
  const vp = s.vcpus[r.vcpu]!;
  const info = vp.slots[r.idx];
  if (r.phase === 0) {
    r.read = info ? info.state : 'NONE';
    r.phase = 1;
    return { label: 'hc.read', detail: { vcpu: r.vcpu, idx: r.idx, state: r.read } };
  }
  if (r.phase === 1) {
    if (info) info.state = r.result!;
    r.phase = 2;
    return { label: 'hc.write', detail: { vcpu: r.vcpu, idx: r.idx, state: r.result } };
  }
  s.resolutions.splice(s.resolutions.indexOf(r), 1);
  let action: string;
  if (r.read === 'SUSPEND_ME') {
    // resume_vcpu(vcpu);
    vp.smSuspended = false;
    reschedule(s, r.vcpu);
    action = 'resume_vcpu';
  } else if (r.read === 'CAN_CONTINUE') {
    // queue_completion(vcpu, idx);
    s.injections.push({ id: s.seq++, vcpu: r.vcpu, idx: r.idx, queuedAt: s.tick, phase: 0 });
    action = 'queue_completion';
  } else {
    terminate(
      s,
      'killed',
      `kill_guest(): the host completion for info[${r.idx}] of vCPU ${r.vcpu} read state ${r.read}`,
    );
    action = 'kill_guest';
  }
  checkWakeups(m, s);
  return { label: 'hc.switch', detail: { vcpu: r.vcpu, idx: r.idx, state: r.read, action } };
}

/** The host completion injection: vp->host_current = idx; inject_ve_complete(vcpu); */
function inject(m: Machine, s: State, j: Injection): { label: HostLabel; detail: Detail } {
  const v = s.vcpus[j.vcpu]!;
  if (j.phase === 0) {
    if (v.hostCurrentUnread)
      violate(
        s,
        'host-current-consumed',
        `vCPU ${j.vcpu}: host_current (${v.hostCurrent}) overwritten with ${j.idx} before the guest completion read it`,
      );
    v.hostCurrent = j.idx;
    v.hostCurrentUnread = true;
    j.phase = 1;
    checkWakeups(m, s);
    return { label: 'inj.host_current', detail: { vcpu: j.vcpu, idx: j.idx } };
  }
  s.injections.splice(s.injections.indexOf(j), 1);
  // The vCPU's next step is the guest completion (gc.info).
  v.irq.push({ kind: 'gc', pc: 'gc.info', pending: [], info: -1 });
  checkWakeups(m, s);
  return { label: 'inj.inject', detail: { vcpu: j.vcpu, idx: j.idx } };
}

/** An EPT-violation exit's page is in: the vCPU re-executes its access; a lost page ends the guest. */
function vmexitResolved(m: Machine, s: State, r: Resolution): { label: HostLabel; detail: Detail } {
  s.resolutions.splice(s.resolutions.indexOf(r), 1);
  const v = s.vcpus[r.vcpu]!;
  const gpa = gpaLabel(m, r.page);
  if (r.result === 'FAIL') {
    terminate(
      s,
      'killed',
      `KVM_RUN failed with -EFAULT: the host cannot back ${gpa} (lost) in an EPT-violation exit on vCPU ${r.vcpu}; the VMM ends the guest`,
    );
    return { label: 'vmexit.resolved', detail: { vcpu: r.vcpu, gpa, result: 'FAIL' } };
  }
  v.exit = null;
  reschedule(s, r.vcpu);
  return { label: 'vmexit.resolved', detail: { vcpu: r.vcpu, gpa, result: 'RESOLVED' } };
}
