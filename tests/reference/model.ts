/**
 * An independent reference implementation of protocol.md revision 2 and scenario.md, for the
 * differential test. Plain and literal: one function per kind of step, state in machine.ts.
 */
import type { Scenario } from '../../src/engine/scenario';
import type { SlotStateName } from '../../src/engine/snapshot';
import { nextRandom } from '../../src/engine/prng';
import {
  atTaskLevel,
  halted,
  ifOf,
  inGuest,
  initial,
  preemptOf,
  topCtx,
  type RCtx,
  type RInjection,
  type RResolution,
  type RState,
  type RTask,
  type RVcpu,
  type RVeFrame,
} from './machine';

export interface RefEvent {
  step: number;
  actor: string;
  kind: string;
}

export interface RefReport {
  outcome: string;
  steps: number;
  message: string | null;
  events: RefEvent[];
  violations: { step: number; invariant: string; message: string }[];
  final: {
    vcpus: {
      state: string;
      busy: number;
      active: boolean[];
      guestCurrent: number;
      hostCurrent: number;
      slots: { state: SlotStateName }[];
    }[];
    tasks: { vcpu: number; name: string; status: string; signal: null | 'SIGBUS' }[];
  };
}

const BUSY = 0xffffffff;

class Model {
  s: RState;
  events: RefEvent[] = [];
  violations: { step: number; invariant: string; message: string }[] = [];
  seen = new Set<string>();

  constructor(sc: Scenario) {
    this.s = initial(sc);
  }

  get variant() {
    return this.s.sc.config.variant;
  }

  violate(invariant: string, message: string): void {
    const key = invariant + '|' + message;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push({ step: this.s.tick, invariant, message });
  }

  end(outcome: string, message: string): void {
    this.s.outcome = outcome;
    this.s.message = message;
    if (outcome === 'panic' || outcome === 'killed' || outcome === 'bug') {
      for (const v of this.s.vcpus) v.dead = true;
    }
  }

  pagePresent(gpa: number): boolean {
    const p = this.s.pages.get(gpa);
    return !p || p.backing === 'present';
  }

  // ---- scheduling of tasks on a vCPU (rule 8) ----

  tasksOn(v: RVcpu): RTask[] {
    return this.s.tasks.filter((t) => t.vcpu === v.index);
  }

  /** Tasks of v in declaration order, cyclic, starting after `after`. */
  cyclicAfter(v: RVcpu, after: RTask | null): RTask[] {
    const list = this.tasksOn(v);
    if (!after) return list;
    const i = list.indexOf(after);
    return [...list.slice(i + 1), ...list.slice(0, i + 1)];
  }

  switchTo(v: RVcpu, t: RTask): void {
    const wasHalted = v.current === null;
    if (v.current && v.current.status === 'running') v.current.status = 'runnable';
    v.woken = v.woken.filter((w) => w !== t);
    v.current = t;
    t.status = 'running';
    if (wasHalted && v.haltPending.length > 0) {
      t.pending.push(...v.haltPending);
      v.haltPending = [];
    }
  }

  /** The current task left (parked or killed): woken tasks first, else the next runnable one. */
  leave(v: RVcpu, gone: RTask): void {
    v.current = null;
    const next = v.woken[0] ?? this.cyclicAfter(v, gone).find((t) => t !== gone && t.status === 'runnable');
    if (next) this.switchTo(v, next);
  }

  /** A woken task runs at once if its vCPU is halted or at task level in a preemptible task. */
  runWoken(v: RVcpu): void {
    if (v.woken.length === 0 || v.dead) return;
    if (halted(v) || (atTaskLevel(v) && preemptOf(v.current!))) this.switchTo(v, v.woken[0]!);
  }

  /** Rule 8: a task with nothing to do yields to a runnable one with work left. */
  yieldIdle(v: RVcpu): void {
    const cur = v.current;
    if (!cur || !atTaskLevel(v) || cur.pending.length > 0) return;
    const next = this.cyclicAfter(v, cur).find(
      (t) => t !== cur && t.status === 'runnable' && (t.pending.length > 0 || t.frames.length > 0),
    );
    if (next) this.switchTo(v, next);
  }

  // ---- what each actor does next ----

  vcpuNext(v: RVcpu): string | null {
    if (v.dead) return null;
    if (v.exit) return v.exit.phase === 'wait' ? 'vmexit.wait' : null;
    if (v.suspended) return null;
    if (v.delivery) return 'hw.ve';
    const c = topCtx(v);
    if (!c) return null;
    if (c.pending.length > 0) return 'hw.access';
    if (c.kind === 'task') return null;
    if (c.kind === 've') return c.lines[c.pc]!;
    return c.pc;
  }

  deliverable(v: RVcpu): boolean {
    if (!inGuest(v) || v.delivery) return false;
    if (this.variant.injectWhen === 'always') return true;
    const c = topCtx(v);
    return c === null ? true : ifOf(c);
  }

  hostReady(): (RResolution | RInjection)[] {
    const work: (RResolution | RInjection)[] = [
      ...this.s.resolutions.filter((r) => r.finished),
      ...this.s.injections.filter((j) => this.deliverable(this.s.vcpus[j.vcpu]!)),
    ];
    return work.sort((a, b) => a.age - b.age || a.created - b.created);
  }

  inFlightPageIns(): RResolution[] {
    return this.s.resolutions.filter((r) => !r.finished).sort((a, b) => a.created - b.created);
  }

  hostCanStep(): boolean {
    if (this.hostReady().length > 0) return true;
    return this.s.sc.config.timing === 'free' && this.inFlightPageIns().length > 0;
  }

  canStep(): number[] {
    const out: number[] = [];
    this.s.vcpus.forEach((v, i) => {
      if (this.vcpuNext(v) !== null) out.push(i);
    });
    if (this.hostCanStep()) out.push(this.s.vcpus.length);
    return out;
  }

  actorName(i: number): string {
    return i === this.s.vcpus.length ? 'host' : `vcpu${i}`;
  }

  // ---- actions ----

  applyActions(): void {
    for (const a of this.s.sc.actions) {
      if (a.at !== this.s.tick) continue;
      if (a.type === 'access') {
        const v = this.s.vcpus[a.vcpu]!;
        const gpa = parseInt(a.gpa.slice(2), 16);
        if (v.dead) continue;
        const c = topCtx(v);
        if (c) c.pending.push(gpa);
        else v.haltPending.push(gpa);
      } else if (a.type === 'set-task') {
        const t = this.s.tasks.find((x) => x.home === a.vcpu && x.name === a.task)!;
        if (a.mode !== undefined) t.mode = a.mode;
        if (a.preemptible !== undefined) t.preemptible = a.preemptible;
        if (a.irqsOff !== undefined) t.irqsOff = a.irqsOff;
        if (a.fixup !== undefined) t.fixup = a.fixup;
      } else if (a.type === 'set-page') {
        const p = this.s.pages.get(parseInt(a.gpa.slice(2), 16))!;
        if (a.backing !== undefined) p.backing = a.backing;
        if (a.latency !== undefined) p.latency = a.latency;
        if (a.suppressVe !== undefined) p.suppressVe = a.suppressVe;
      }
    }
  }

  finishPageIn(r: RResolution): void {
    r.finished = true;
    r.age = this.s.tick;
    const p = this.s.pages.get(r.gpa);
    if (p && p.backing === 'lost') r.result = 'FAIL';
    else {
      r.result = 'RESOLVED';
      if (p) p.backing = 'present';
    }
  }

  startResolution(kind: 'hypercall' | 'vmexit', vcpu: number, idx: number, gpa: number): RResolution {
    const p = this.s.pages.get(gpa);
    const present = this.pagePresent(gpa);
    const latency = present ? 1 : Math.max(p ? p.latency : 1, 1);
    const r: RResolution = {
      kind,
      created: this.s.created++,
      vcpu,
      idx,
      gpa,
      readyAt: this.s.sc.config.timing === 'free' ? null : this.s.tick + latency,
      finished: false,
      age: 0,
      result: null,
      phase: 0,
      read: null,
    };
    this.s.resolutions.push(r);
    return r;
  }

  // ---- vCPU steps ----

  /** Where a new #VE frame goes: on the task, or on the vCPU above a completion handler. */
  pushFrame(v: RVcpu, on: RCtx, f: RVeFrame): void {
    const inIrq = on.kind === 'gc' || (on.kind === 've' && on.inIrq);
    f.inIrq = inIrq;
    if (inIrq) v.irq.push(f);
    else {
      f.task = v.current;
      v.current!.frames.push(f);
    }
  }

  popTop(v: RVcpu): void {
    if (v.irq.length > 0) v.irq.pop();
    else v.current!.frames.pop();
  }

  tifHolder(v: RVcpu, f: RVeFrame): { tif: boolean } {
    if (!f.inIrq && f.task) return f.task;
    return v.current ?? v.idleTif;
  }

  access(v: RVcpu): void {
    const c = topCtx(v)!;
    const gpa = c.pending.shift()!;
    if (this.pagePresent(gpa)) return;
    const p = this.s.pages.get(gpa)!;
    if (!p.suppressVe && v.busy === 0) v.delivery = { ctx: c, gpa };
    else v.exit = { ctx: c, gpa, phase: 'wait' };
  }

  deliver(v: RVcpu): void {
    const { ctx, gpa } = v.delivery!;
    v.delivery = null;
    if (v.infoUnsaved) this.violate('ve-info-saved', `vcpu${v.index}: #VE overwrote unsaved VE info`);
    v.veGpa = gpa;
    v.busy = BUSY;
    v.infoUnsaved = true;
    const lines = ['ve.vp'];
    if (this.variant.reentrancyClear === 'at-entry') lines.push('ve.clear_entry');
    lines.push('ve.find', 've.bug_on', 've.set_bit', 've.copy', 've.guest_current', 've.decide');
    const f: RVeFrame = {
      kind: 've',
      inIrq: false,
      task: null,
      lines,
      pc: 0,
      pending: [],
      gpa,
      user: ctx.kind === 'task' && ctx.mode === 'user',
      ifAt: ifOf(ctx),
      preemptAt: preemptOf(ctx) && ifOf(ctx),
      copied: false,
      vp: v.index,
      idx: -1,
      owns: false,
      owner: false,
      read: null,
      outcome: null,
    };
    this.pushFrame(v, ctx, f);
  }

  veLine(v: RVcpu, f: RVeFrame, line: string): void {
    const vp = this.s.vcpus[f.vp]!;
    const atEntry = this.variant.reentrancyClear === 'at-entry';
    f.pc++;
    switch (line) {
      case 've.vp':
        f.vp = v.index;
        break;
      case 've.clear_entry':
        v.busy = 0;
        break;
      case 've.find': {
        const i = vp.active.indexOf(false);
        f.idx = i < 0 ? vp.active.length : i;
        break;
      }
      case 've.bug_on':
        if (f.idx >= vp.active.length) {
          this.violate('no-bug', `vcpu${v.index}: BUG_ON(idx >= N_ENTRIES)`);
          this.end('bug', 'BUG_ON(idx >= N_ENTRIES)');
        }
        break;
      case 've.set_bit':
        vp.active[f.idx] = true;
        f.owns = true;
        break;
      case 've.copy':
        vp.slots[f.idx]!.gpa = v.veGpa;
        f.copied = true;
        v.infoUnsaved = false;
        break;
      case 've.guest_current':
        vp.guestCurrent = f.idx;
        break;
      case 've.decide': {
        const h = this.tifHolder(v, f);
        const was = h.tif;
        h.tif = true;
        f.owner = !was;
        const full = this.variant.bitmapFullCheck && vp.active.every((b) => b);
        const cc = !was && !full && (f.user || f.preemptAt);
        if (cc)
          f.lines.push('ve.cc.state', 've.cc.hypercall', ...(atEntry ? [] : ['ve.cc.clear']), 've.cc.wait');
        else {
          f.lines.push('ve.sm.state', 've.sm.hypercall');
          if (this.variant.smClear === 'after-release')
            f.lines.push('ve.read', 've.none', 've.clear_bit', ...(atEntry ? [] : ['ve.sm.clear']));
          else f.lines.push(...(atEntry ? [] : ['ve.sm.clear']), 've.read', 've.none', 've.clear_bit');
        }
        if (cc) f.lines.push('ve.read', 've.none', 've.clear_bit');
        f.lines.push('ve.switch', 've.clear_flag');
        break;
      }
      case 've.cc.state':
        vp.slots[f.idx]!.state = 'CAN_CONTINUE';
        break;
      case 've.sm.state':
        vp.slots[f.idx]!.state = 'SUSPEND_ME';
        break;
      case 've.cc.hypercall':
      case 've.sm.hypercall': {
        // Rule 6.10: the host reads guest_current of this vCPU's page.
        const idx = v.guestCurrent;
        this.startResolution('hypercall', v.index, idx, v.slots[idx]!.gpa ?? 0);
        if (line === 've.sm.hypercall') v.suspended = true;
        break;
      }
      case 've.cc.clear':
      case 've.sm.clear':
        v.busy = 0;
        break;
      case 've.cc.wait': {
        const slot = vp.slots[f.idx]!;
        if (slot.state !== 'CAN_CONTINUE') {
          slot.wait = null;
          break;
        }
        f.pc--;
        const t = v.current!;
        slot.wait = t;
        t.status = 'parked';
        t.parkedOn = { vcpu: f.vp, idx: f.idx };
        if (t.frames.length > 1) this.violate('no-nested-wait', `${t.name} waits inside its own #VE handler`);
        this.leave(v, t);
        break;
      }
      case 've.read':
        f.read = vp.slots[f.idx]!.state;
        break;
      case 've.none':
        vp.slots[f.idx]!.state = 'NONE';
        break;
      case 've.clear_bit':
        vp.active[f.idx] = false;
        f.owns = false;
        break;
      case 've.switch':
        if (f.read === 'RESOLVED') f.outcome = 'ok';
        else if (f.read === 'FAIL') {
          const task = f.inIrq ? v.current : f.task;
          // fixup describes a kernel task's code (copy_from_user); a user task has none (reading of 6.16).
          const fixup = task !== null && task.mode === 'kernel' && task.fixup;
          if (f.user) f.outcome = 'sigbus';
          else if (fixup) f.outcome = 'efault';
          else this.end('panic', "I'm toast");
        } else this.end('panic', 'Confused');
        break;
      case 've.clear_flag': {
        const h = this.tifHolder(v, f);
        if (this.variant.tifInVeClear === 'always' || f.owner) h.tif = false;
        this.popTop(v);
        if (f.outcome === 'sigbus') {
          const t = v.current!;
          t.signal = 'SIGBUS';
          t.status = 'killed';
          t.pending = [];
          this.leave(v, t);
        } else if (f.outcome === 'ok') {
          topCtx(v)!.pending.unshift(f.gpa);
        }
        break;
      }
    }
  }

  stepVcpu(v: RVcpu): string {
    const label = this.vcpuNext(v)!;
    if (label === 'vmexit.wait') {
      v.exit!.phase = 'waiting';
      this.startResolution('vmexit', v.index, -1, v.exit!.gpa);
    } else if (label === 'hw.access') this.access(v);
    else if (label === 'hw.ve') this.deliver(v);
    else if (label === 'gc.info' || label === 'gc.wake') {
      const f = v.irq[v.irq.length - 1]!;
      if (f.kind !== 'gc') throw new Error('model: completion frame expected');
      if (label === 'gc.info') {
        f.info = v.hostCurrent;
        v.hostCurrentUnread = false;
        f.pc = 'gc.wake';
      } else {
        v.irq.pop();
        const slot = v.slots[f.info!]!;
        const t = slot.wait;
        if (t && t.status === 'parked') this.wake(t);
      }
    } else {
      const f = topCtx(v)!;
      if (f.kind !== 've') throw new Error('model: #VE frame expected');
      this.veLine(v, f, label);
    }
    return label;
  }

  wake(t: RTask): void {
    t.status = 'runnable';
    t.parkedOn = null;
    const n = this.s.vcpus.length;
    if (this.variant.migrateOnWake && n > 1) t.vcpu = (t.vcpu + 1) % n;
    const target = this.s.vcpus[t.vcpu]!;
    target.woken.push(t);
  }

  // ---- host steps ----

  stepHost(pageIn: number | null): string {
    const ready = this.hostReady();
    if (pageIn !== null || ready.length === 0) {
      const r =
        pageIn !== null ? this.inFlightPageIns().find((x) => x.gpa === pageIn)! : this.inFlightPageIns()[0]!;
      this.finishPageIn(r);
      return 'host.page_in';
    }
    const w = ready[0]!;
    if (w.kind === 'inj') {
      const v = this.s.vcpus[w.vcpu]!;
      if (w.phase === 0) {
        if (v.hostCurrentUnread)
          this.violate(
            'host-current-consumed',
            `vcpu${v.index}: host_current overwritten before it was read`,
          );
        v.hostCurrent = w.idx;
        v.hostCurrentUnread = true;
        w.phase = 1;
        return 'inj.host_current';
      }
      this.s.injections = this.s.injections.filter((x) => x !== w);
      v.irq.push({ kind: 'gc', pc: 'gc.info', pending: [], info: null });
      return 'inj.inject';
    }
    const v = this.s.vcpus[w.vcpu]!;
    if (w.kind === 'vmexit') {
      this.s.resolutions = this.s.resolutions.filter((x) => x !== w);
      if (w.result === 'FAIL') this.end('killed', 'EPT violation on a lost page: KVM_RUN -EFAULT');
      else {
        const { ctx, gpa } = v.exit!;
        v.exit = null;
        ctx.pending.unshift(gpa);
      }
      return 'vmexit.resolved';
    }
    const slot = v.slots[w.idx]!;
    if (w.phase === 0) {
      w.read = slot.state;
      w.phase = 1;
      return 'hc.read';
    }
    if (w.phase === 1) {
      slot.state = w.result!;
      w.phase = 2;
      return 'hc.write';
    }
    this.s.resolutions = this.s.resolutions.filter((x) => x !== w);
    if (w.read === 'SUSPEND_ME') v.suspended = false;
    else if (w.read === 'CAN_CONTINUE')
      this.s.injections.push({
        kind: 'inj',
        created: this.s.created++,
        vcpu: v.index,
        idx: w.idx,
        age: this.s.tick,
        phase: 0,
      });
    else this.end('killed', 'kill_guest()');
    return 'hc.switch';
  }

  // ---- invariants checked after every step ----

  checkInvariants(): void {
    const frames: RVeFrame[] = [];
    for (const t of this.s.tasks) frames.push(...t.frames);
    for (const v of this.s.vcpus) for (const f of v.irq) if (f.kind === 've') frames.push(f);
    for (const vp of this.s.vcpus) {
      vp.active.forEach((bit, idx) => {
        const owners = frames.filter((f) => f.owns && f.vp === vp.index && f.idx === idx).length;
        if (owners > 1) this.violate('slot-owner', `vcpu${vp.index} slot ${idx}: ${owners} owners`);
        if (bit !== owners > 0) this.violate('slot-owner', `vcpu${vp.index} slot ${idx}: active ${bit}`);
      });
    }
    for (const t of this.s.tasks) {
      if (t.status !== 'parked' || !t.parkedOn) continue;
      const { vcpu, idx } = t.parkedOn;
      const v = this.s.vcpus[vcpu]!;
      const ok =
        this.s.resolutions.some((r) => r.kind === 'hypercall' && r.vcpu === vcpu && r.idx === idx) ||
        this.s.injections.some((j) => j.vcpu === vcpu && j.idx === idx) ||
        v.irq.some((f) => f.kind === 'gc' && (f.pc === 'gc.info' ? v.hostCurrent === idx : f.info === idx));
      if (!ok)
        this.violate('no-lost-wakeup', `${t.name} parked on vcpu${vcpu} slot ${idx} with nothing to wake it`);
    }
  }

  // ---- the run ----

  restOutcome(): [string, string] {
    const parked = this.s.tasks.some((t) => t.status === 'parked');
    const suspended = this.s.vcpus.some((v) => v.suspended);
    if (parked || suspended || this.s.injections.length > 0) return ['hung', 'nothing can wake or resume'];
    return ['quiescent', ''];
  }

  run(maxSteps: number): void {
    const sc = this.s.sc;
    const picks = new Map<number, { actor: string; pageIn?: string }>();
    for (const a of sc.actions) if (a.type === 'pick') picks.set(a.at, a);
    const lastAt = Math.max(-1, ...sc.actions.filter((a) => a.type !== 'pick').map((a) => a.at));
    for (;;) {
      const s = this.s;
      if (s.tick >= maxSteps) {
        this.end('max-steps', 'step limit');
        return;
      }
      this.applyActions();
      if (sc.config.timing === 'latency')
        for (const r of s.resolutions) if (!r.finished && r.readyAt! <= s.tick) this.finishPageIn(r);
      for (const v of s.vcpus) this.runWoken(v);
      for (const v of s.vcpus) this.yieldIdle(v);
      const able = this.canStep();
      if (able.length === 0) {
        if (s.resolutions.length === 0 && lastAt <= s.tick) {
          const [o, m] = this.restOutcome();
          this.end(o, m);
          return;
        }
        if (picks.has(s.tick)) {
          this.end('invalid', `pick at ${s.tick}: nobody can step`);
          return;
        }
        s.tick++;
        continue;
      }
      let actor: number;
      let pageIn: number | null = null;
      const pick = sc.config.scheduler === 'manual' ? picks.get(s.tick) : undefined;
      if (pick) {
        actor = pick.actor === 'host' ? s.vcpus.length : parseInt(pick.actor.slice(4), 10);
        if (!able.includes(actor)) {
          this.end('invalid', `pick at ${s.tick}: ${pick.actor} has nothing to do`);
          return;
        }
        if (pick.pageIn !== undefined) {
          pageIn = parseInt(pick.pageIn.slice(2), 16);
          if (!this.inFlightPageIns().some((r) => r.gpa === pageIn)) {
            this.end('invalid', `pick at ${s.tick}: no page-in in flight for ${pick.pageIn}`);
            return;
          }
        }
      } else if (sc.config.scheduler === 'random') {
        const r = nextRandom(s.rng);
        s.rng = r.state;
        actor = able[Math.floor(r.value * able.length)]!;
      } else {
        const n = s.vcpus.length + 1;
        actor = able[0]!;
        for (let k = 1; k <= n; k++) {
          const c = (s.lastActor + k) % n;
          if (able.includes(c)) {
            actor = c;
            break;
          }
        }
      }
      s.lastActor = actor;
      const kind = actor === s.vcpus.length ? this.stepHost(pageIn) : this.stepVcpu(s.vcpus[actor]!);
      this.events.push({ step: s.tick, actor: this.actorName(actor), kind });
      this.checkInvariants();
      for (const v of s.vcpus) this.runWoken(v);
      s.tick++;
      if (s.outcome) return;
    }
  }

  vcpuState(v: RVcpu): string {
    if (v.dead) return 'dead';
    if (v.suspended || v.exit) return 'suspended';
    if (v.delivery) return 'in-ve-handler';
    const c = topCtx(v);
    if (!c) return 'halted';
    if (c.kind === 've') return 'in-ve-handler';
    if (c.kind === 'gc') return 'in-completion';
    return 'running';
  }

  report(): RefReport {
    const s = this.s;
    return {
      outcome: s.outcome!,
      steps: s.tick,
      message: s.message,
      events: this.events,
      violations: this.violations,
      final: {
        vcpus: s.vcpus.map((v) => ({
          state: this.vcpuState(v),
          busy: v.busy,
          active: [...v.active],
          guestCurrent: v.guestCurrent,
          hostCurrent: v.hostCurrent,
          slots: v.slots.map((x) => ({ state: x.state })),
        })),
        tasks: s.tasks.map((t) => ({ vcpu: t.vcpu, name: t.name, status: t.status, signal: t.signal })),
      },
    };
  }
}

/** Runs a validated scenario through the reference model; the CLI report's comparable fields. */
export function runReference(sc: Scenario, maxSteps = 10000): RefReport {
  const m = new Model(sc);
  m.run(maxSteps);
  return m.report();
}
