/**
 * Records a run as a timeline: nested spans per vCPU (#VE handler, completion handler, suspended
 * by the host, VM exit, halted), parked intervals per task, page-ins on the host, flows from a
 * fault to its hypercall, host completion, injection and wake-up, and per-step counters.
 *
 * Spans are found by sampling each vCPU's stack of contexts after every tick and diffing it with
 * the previous sample, so they always nest. Used by the Chrome-trace export and the timeline.
 */
import { startRun, tickOnce, type Run } from '../engine/run';
import { gpaLabel } from '../engine/machine';
import type { Scenario, TraceEvent, Violation, Outcome } from '../engine';
import type { Frame, State, TaskState } from '../engine/state';

export type SpanKind =
  've-handler' | 'completion' | 'suspended' | 'vm-exit' | 'halted' | 'parked' | 'page-in';

export interface Span {
  /** "vcpu<i>", "host", or "task:<vcpu>/<name>" */
  lane: string;
  kind: SpanKind;
  label: string;
  /** First tick inside the span and first tick after it. */
  start: number;
  end: number;
  /** Nesting depth on its lane (0 = outermost). */
  depth: number;
}

export interface FlowPoint {
  step: number;
  actor: string;
  kind: TraceEvent['kind'];
}

/** One fault's life: hw.ve → hypercall → hc.switch → (inj.inject → gc.wake). */
export interface Flow {
  id: number;
  gpa: string;
  points: FlowPoint[];
}

/** Per-vCPU values from a step on: the active bitmap's population and the busy word. */
export interface CounterSample {
  step: number;
  vcpu: number;
  active: number;
  busy: number;
}

export interface Recording {
  scenario: Scenario;
  steps: number;
  outcome: Outcome;
  message: string | null;
  events: TraceEvent[];
  spans: Span[];
  flows: Flow[];
  counters: CounterSample[];
  violations: Violation[];
}

interface Open {
  key: unknown;
  kind: SpanKind;
  label: string;
  start: number;
}

/** One entry per open context of a vCPU, bottom to top, keyed by identity. */
function stackOf(run: Run, s: State, vi: number): { key: unknown; kind: SpanKind; label: string }[] {
  const m = run.machine;
  const v = s.vcpus[vi]!;
  const out: { key: unknown; kind: SpanKind; label: string }[] = [];
  if (v.dead) return out;
  const frames: Frame[] = [];
  if (v.current < 0) out.push({ key: 'halted', kind: 'halted', label: 'halted (HLT)' });
  else frames.push(...s.tasks[v.current]!.frames);
  frames.push(...v.irq);
  for (const f of frames)
    out.push(
      f.kind === 've'
        ? { key: f, kind: 've-handler', label: `#VE handler ${gpaLabel(m, f.fault)}` }
        : { key: f, kind: 'completion', label: 'completion handler' },
    );
  if (v.exit) out.push({ key: v.exit, kind: 'vm-exit', label: `VM exit ${gpaLabel(m, v.exit.page)}` });
  if (v.smSuspended)
    out.push({ key: 'sm:' + out.length, kind: 'suspended', label: 'suspended (SUSPEND_ME)' });
  return out;
}

/** The place of a vCPU's innermost interrupt-level frame. */
function irqPlace(s: State, vi: number): string | undefined {
  const depth = s.vcpus[vi]!.irq.length;
  return depth > 0 ? `v${vi}:${depth - 1}` : undefined;
}

/** The place of the frame on top of a vCPU: interrupt level first, then the current task's. */
function topPlace(s: State, vi: number): string | undefined {
  const v = s.vcpus[vi]!;
  if (v.irq.length > 0) return irqPlace(s, vi);
  const frames = v.current >= 0 ? s.tasks[v.current]!.frames.length : 0;
  return frames > 0 ? `t${v.current}:${frames - 1}` : undefined;
}

function taskLane(t: TaskState): string {
  return `task:${t.home}/${t.name}`;
}

/**
 * Records a run while it goes: `observe` after every tick (or idle stretch) of the run, with the
 * run's event log. The recorder keeps no events of its own (the log belongs to whoever ticks the
 * run) and can `truncate` itself back to an earlier tick when the run is rewritten from there (a
 * click), so a recording extends instead of starting again.
 */
export interface Recorder {
  readonly scenario: Scenario;
  /** The tick of the last sample. */
  readonly tick: number;
  /** Samples `run` after a tick; `events[from…]` are the events that tick executed. */
  observe(run: Run, events: readonly TraceEvent[], from: number): void;
  /**
   * Forgets what happened from tick `t` on. `run` stands at tick `t` with the state the recorded
   * run had there (possibly other objects: a restored checkpoint), and is what `observe` sees next.
   */
  truncate(t: number, run: Run): void;
  /** The recording up to the last sample (`events`: the run's log up to there). Recording may go on. */
  finish(events: readonly TraceEvent[], outcome: Outcome, message: string | null): Recording;
}

/** Runs `scenario` to its end (or `maxSteps` ticks) and records it. */
export function recordRun(scenario: Scenario, options: { maxSteps?: number } = {}): Recording {
  const maxSteps = options.maxSteps ?? 10000;
  const run = startRun(scenario);
  const recorder = startRecording(run);
  const events: TraceEvent[] = [];
  while (run.state.outcome === null && run.state.tick < maxSteps) {
    const from = events.length;
    tickOnce(run, events);
    recorder.observe(run, events, from);
  }
  return recorder.finish(events, run.state.outcome ?? 'max-steps', run.state.message);
}

const FLOW_KINDS = new Set<string>([
  'hw.ve',
  've.cc.hypercall',
  've.sm.hypercall',
  'hc.switch',
  'inj.inject',
]);
const HYPERCALLS = new Set<string>(['ve.cc.hypercall', 've.sm.hypercall']);

/** Starts recording `start` as it stands (normally at tick 0). */
export function startRecording(start: Run): Recorder {
  let run = start;
  const scenario = start.scenario;
  const spans: Span[] = [];
  /** What each closed span was keyed by (a frame, a task index, a resolution id): to reopen it. */
  const spanKeys: unknown[] = [];
  /** Counter samples where a value changed (and at step 0), in step order. */
  const counters: CounterSample[] = [];
  let lastCounter: (CounterSample | undefined)[] = [];
  let open: Open[][] = start.state.vcpus.map(() => []);
  /** Where the innermost interrupt-level frame of each vCPU was at the last sample (gone after gc.wake). */
  let irqTop: (string | undefined)[] = [];
  let parked = new Map<number, Open>();
  /** parked.has(ti), as an array: the loop over every task runs after every step. */
  let parkedFlag: boolean[] = [];
  let pageIns = new Map<number, Open>();
  const flows: Flow[] = [];
  /**
   * The flow of the handler frame at each place ("t<task>:<depth>" or "v<vcpu>:<depth>"): set when
   * a frame is made there (hw.ve, inj.inject). Places, not objects, so that a run restored from a
   * checkpoint (other objects, same state) is followed on; the assignments are kept in order so
   * that `truncate` can rebuild the table as it stood.
   */
  const flowAt = new Map<string, Flow>();
  const assigned = new Map<string, { step: number; flow: Flow | null }[]>();
  const assign = (step: number, place: string, flow: Flow | null) => {
    let history = assigned.get(place);
    if (!history) assigned.set(place, (history = []));
    history.push({ step, flow });
    if (flow) flowAt.set(place, flow);
    else flowAt.delete(place);
  };
  /** Every point added to a flow, in order (so that truncate pops exactly the points after t). */
  const pointLog: Flow[] = [];
  /** Flows waiting for the host (after their hypercall) or for injection (queued by hc.switch). */
  const pending = new Set<Flow>();
  const isPending = (f: Flow) => {
    const last = f.points[f.points.length - 1];
    return last !== undefined && (HYPERCALLS.has(last.kind) || (last.kind === 'hc.switch' && queued.has(f)));
  };
  const addPoint = (f: Flow, point: FlowPoint) => {
    f.points.push(point);
    pointLog.push(f);
    if (isPending(f)) pending.add(f);
    else pending.delete(f);
  };
  /** The slot ("vcpu/idx") of each flow once its hypercall ran, and the flows queued for injection. */
  const slotOf = new Map<Flow, string>();
  const queued = new Set<Flow>();
  let flowOfSlot = new Map<string, Flow>();
  let injected = new Map<string, Flow[]>();
  let sampled = 0;

  const close = (lane: string, o: Open, end: number, depth: number) => {
    spans.push({ lane, kind: o.kind, label: o.label, start: o.start, end, depth });
    spanKeys.push(o.key);
  };

  /**
   * What a vCPU's stack of contexts is made of, compared before building it: a tick changes one
   * actor, so most vCPUs are skipped (frames only ever come and go at the top of their stacks).
   */
  let shapes: unknown[][] = [];
  /** Updates the vCPU's shape in place; true when it changed (no allocation on the common path). */
  const reshape = (s: State, vi: number): boolean => {
    const v = s.vcpus[vi]!;
    const frames = v.current >= 0 ? s.tasks[v.current]!.frames : null;
    const was = shapes[vi];
    if (
      was !== undefined &&
      was[0] === v.current &&
      was[1] === frames?.length &&
      was[2] === frames?.at(-1) &&
      was[3] === v.irq.length &&
      was[4] === v.irq.at(-1) &&
      was[5] === v.exit &&
      was[6] === v.smSuspended &&
      was[7] === v.dead
    )
      return false;
    shapes[vi] = [
      v.current,
      frames?.length,
      frames?.at(-1),
      v.irq.length,
      v.irq.at(-1),
      v.exit,
      v.smSuspended,
      v.dead,
    ];
    return true;
  };
  /** The resolutions' count and the creation counter at the last sample: equal means none came or went. */
  let resolutionsSeen: [number, number] = [-1, -1];

  /** Samples the run at `now`; `touched`: the vCPUs whose active bitmap or busy word may have changed (null: all). */
  const sample = (now: number, touched: Set<number> | null, stepped = true) => {
    const s = run.state;
    const m = run.machine;
    sampled = now;
    s.vcpus.forEach((v, vi) => {
      if (reshape(s, vi)) {
        const stack = stackOf(run, s, vi);
        const was = open[vi]!;
        let same = 0;
        while (same < was.length && same < stack.length && was[same]!.key === stack[same]!.key) same++;
        for (let d = was.length - 1; d >= same; d--) close('vcpu' + vi, was[d]!, now, d);
        was.length = same;
        for (let d = same; d < stack.length; d++) was.push({ ...stack[d]!, start: now });
        irqTop[vi] = irqPlace(s, vi);
      } else if (touched && !touched.has(vi)) return;
      let active = 0;
      for (const bit of v.active) if (bit) active++;
      const last = lastCounter[vi];
      if (!last || last.active !== active || last.busy !== v.busy) {
        lastCounter[vi] = { step: now, vcpu: vi, active, busy: v.busy };
        counters.push(lastCounter[vi]!);
      }
    });
    // Tasks park and wake only by executed steps.
    if (touched && touched.size === 0 && !stepped) return;
    s.tasks.forEach((t, ti) => {
      if ((t.status === 'parked') === (parkedFlag[ti] === true)) return;
      parkedFlag[ti] = t.status === 'parked';
      const o = parked.get(ti);
      if (t.status === 'parked' && !o)
        parked.set(ti, { key: ti, kind: 'parked', label: `parked on info[${t.parkedIdx}]`, start: now });
      else if (t.status !== 'parked' && o) {
        close(taskLane(t), o, now, 0);
        parked.delete(ti);
      }
    });
    if (resolutionsSeen[0] === s.resolutions.length && resolutionsSeen[1] === s.seq) return;
    resolutionsSeen = [s.resolutions.length, s.seq];
    const live = new Set<number>();
    for (const r of s.resolutions) {
      live.add(r.id);
      if (!pageIns.has(r.id)) {
        const what = r.kind === 'vmexit' ? `VM exit of vCPU ${r.vcpu}` : `info[${r.idx}] of vCPU ${r.vcpu}`;
        pageIns.set(r.id, {
          key: r.id,
          kind: 'page-in',
          label: `page-in ${gpaLabel(m, r.page)} for ${what}`,
          start: now,
        });
      }
    }
    for (const [id, o] of pageIns)
      if (!live.has(id)) {
        close('host', o, now, 0);
        pageIns.delete(id);
      }
  };

  const follow = (e: TraceEvent) => {
    const s = run.state;
    if (e.kind === 'gc.wake') {
      // The completion frame is gone after gc.wake: look it up as it was before the tick.
      const place = irqTop[Number(e.actor.slice(4))];
      const flow = place && flowAt.get(place);
      if (flow) addPoint(flow, { step: e.step, actor: e.actor, kind: e.kind });
      return;
    }
    if (!FLOW_KINDS.has(e.kind)) return;
    const vi = e.actor === 'host' ? Number(e.detail.vcpu) : Number(e.actor.slice(4));
    const top = topPlace(s, vi);
    const point: FlowPoint = { step: e.step, actor: e.actor, kind: e.kind };
    const slot = `${vi}/${String(e.detail.idx)}`;
    switch (e.kind) {
      case 'hw.ve': {
        const flow: Flow = { id: flows.length, gpa: String(e.detail.gpa), points: [] };
        flows.push(flow);
        addPoint(flow, point);
        if (top) assign(e.step, top, flow);
        break;
      }
      case 've.cc.hypercall':
      case 've.sm.hypercall': {
        const flow = top && flowAt.get(top);
        if (flow) {
          slotOf.set(flow, slot);
          addPoint(flow, point);
          flowOfSlot.set(slot, flow);
        }
        break;
      }
      case 'hc.switch': {
        const flow = flowOfSlot.get(slot);
        if (!flow) break;
        flowOfSlot.delete(slot);
        if (e.detail.action === 'queue_completion') {
          injected.set(slot, [...(injected.get(slot) ?? []), flow]);
          queued.add(flow);
        }
        addPoint(flow, point);
        break;
      }
      case 'inj.inject': {
        const flow = injected.get(slot)?.shift();
        if (flow) addPoint(flow, point);
        if (top) assign(e.step, top, flow ?? null);
        break;
      }
    }
  };

  const truncate = (t: number, at: Run) => {
    // Spans open at t: those closed later (a suffix, closed in end order) and those still open.
    let cut = spans.length;
    while (cut > 0 && spans[cut - 1]!.end > t) cut--;
    const reopened: { lane: string; depth: number; o: Open }[] = [];
    for (let i = cut; i < spans.length; i++) {
      const sp = spans[i]!;
      if (sp.start <= t)
        reopened.push({
          lane: sp.lane,
          depth: sp.depth,
          o: { key: spanKeys[i], kind: sp.kind, label: sp.label, start: sp.start },
        });
    }
    spans.length = cut;
    spanKeys.length = cut;
    open.forEach((stack, vi) =>
      stack.forEach((o, depth) => {
        if (o.start <= t) reopened.push({ lane: 'vcpu' + vi, depth, o });
      }),
    );
    for (const o of parked.values()) if (o.start <= t) reopened.push({ lane: 'task', depth: 0, o });
    for (const o of pageIns.values()) if (o.start <= t) reopened.push({ lane: 'host', depth: 0, o });
    const oldOpen = run.state.vcpus.map((): Open[] => []);
    parkedFlag = [];
    parked = new Map();
    pageIns = new Map();
    for (const { lane, depth, o } of reopened) {
      if (lane === 'host') pageIns.set(o.key as number, o);
      else if (lane.startsWith('vcpu')) oldOpen[Number(lane.slice(4))]![depth] = o;
      else {
        parked.set(o.key as number, o);
        parkedFlag[o.key as number] = true;
      }
    }
    // Flows: the points from t on are popped (in the order they came); the slot tables are rebuilt
    // from the flows still waiting at t.
    while (pointLog.length > 0 && pointLog[pointLog.length - 1]!.points.at(-1)!.step >= t) {
      const f = pointLog.pop()!;
      const point = f.points.pop()!;
      if (point.kind === 'hc.switch') queued.delete(f);
      if (HYPERCALLS.has(point.kind)) slotOf.delete(f);
      if (isPending(f)) pending.add(f);
      else pending.delete(f);
    }
    while (flows.length > 0 && flows[flows.length - 1]!.points.length === 0) flows.pop();
    flowOfSlot = new Map();
    injected = new Map();
    const waiting: Flow[] = [];
    for (const f of pending) {
      const slot = slotOf.get(f)!;
      if (HYPERCALLS.has(f.points.at(-1)!.kind)) flowOfSlot.set(slot, f);
      else waiting.push(f);
    }
    waiting.sort((x, y) => x.points.at(-1)!.step - y.points.at(-1)!.step);
    for (const f of waiting) {
      const slot = slotOf.get(f)!;
      injected.set(slot, [...(injected.get(slot) ?? []), f]);
    }
    for (const [place, history] of assigned) {
      while (history.length > 0 && history[history.length - 1]!.step >= t) history.pop();
      const flow = history.at(-1)?.flow;
      if (flow) flowAt.set(place, flow);
      else flowAt.delete(place);
    }
    // The run at t may be made of other objects: the open contexts are matched by position.
    run = at;
    open = at.state.vcpus.map((v, vi) => {
      const stack = stackOf(at, at.state, vi);
      const was = oldOpen[vi]!;
      const now: Open[] = [];
      for (let d = 0; d < stack.length; d++) {
        const o = was[d];
        const entry = stack[d]!;
        if (o && o.kind === entry.kind && o.label === entry.label && now.length === d)
          now.push({ ...o, key: entry.key });
        else now.push({ ...entry, start: t });
      }
      return now;
    });
    irqTop = at.state.vcpus.map((_, vi) => irqPlace(at.state, vi));
    let c = counters.length;
    while (c > 0 && counters[c - 1]!.step > t) c--;
    counters.length = c;
    lastCounter = [];
    let missing = at.state.vcpus.length;
    for (let k = counters.length - 1; k >= 0 && missing > 0; k--) {
      const sample = counters[k]!;
      if (lastCounter[sample.vcpu] === undefined) {
        lastCounter[sample.vcpu] = sample;
        missing--;
      }
    }
    sampled = t;
    shapes = [];
    at.state.vcpus.forEach((_, vi) => reshape(at.state, vi));
    resolutionsSeen = [-1, -1];
  };

  const finish = (events: readonly TraceEvent[], outcome: Outcome, message: string | null): Recording => {
    const end = sampled;
    const out = spans.slice();
    open.forEach((stack, vi) => {
      for (let d = stack.length - 1; d >= 0; d--) {
        const o = stack[d]!;
        out.push({ lane: 'vcpu' + vi, kind: o.kind, label: o.label, start: o.start, end, depth: d });
      }
    });
    for (const [ti, o] of parked)
      out.push({
        lane: taskLane(run.state.tasks[ti]!),
        kind: o.kind,
        label: o.label,
        start: o.start,
        end,
        depth: 0,
      });
    for (const o of pageIns.values())
      out.push({ lane: 'host', kind: o.kind, label: o.label, start: o.start, end, depth: 0 });
    out.sort((a, b) => a.start - b.start || a.depth - b.depth);
    let known = events.length;
    while (known > 0 && events[known - 1]!.step >= end) known--;
    return {
      scenario: run.scenario,
      steps: end,
      outcome,
      message,
      events: events.slice(0, known),
      spans: out,
      flows: flows.map((f) => ({ ...f, points: f.points.slice() })),
      counters: counters.slice(),
      violations: run.state.violations.filter((v) => v.step < end),
    };
  };

  sample(start.state.tick, null);
  return {
    scenario,
    get tick() {
      return sampled;
    },
    observe(at, events, from) {
      run = at;
      const touched = new Set<number>();
      for (let k = from; k < events.length; k++) {
        const e = events[k]!;
        follow(e);
        // The host never writes a bitmap or a busy word: only the vCPU an event names is touched.
        const vcpu = e.actor === 'host' ? e.detail.vcpu : Number(e.actor.slice(4));
        if (typeof vcpu === 'number') touched.add(vcpu);
      }
      // With migrateOnWake a handler may write another vCPU's ve_page: then every vCPU is read.
      sample(at.state.tick, at.machine.variant.migrateOnWake ? null : touched, events.length > from);
    },
    truncate,
    finish,
  };
}
