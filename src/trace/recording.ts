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

function taskLane(t: TaskState): string {
  return `task:${t.home}/${t.name}`;
}

/**
 * A recording made in slices: `advance(deadline)` records ticks until `performance.now()` passes
 * `deadline` (or the run ends), so a worker can record a long run between its other work.
 */
export interface Recorder {
  readonly scenario: Scenario;
  /** Ticks recorded so far. */
  readonly tick: number;
  /** Records until the run ends, `maxSteps` is reached or the deadline passes; true when done. */
  advance(deadline?: number): boolean;
  /** The finished recording (records whatever is left first). */
  finish(): Recording;
}

export function recordRun(scenario: Scenario, options: { maxSteps?: number } = {}): Recording {
  return startRecording(scenario, options).finish();
}

export function startRecording(scenario: Scenario, options: { maxSteps?: number } = {}): Recorder {
  const maxSteps = options.maxSteps ?? 10000;
  const run = startRun(scenario);
  const m = run.machine;
  const s = run.state;
  const events: TraceEvent[] = [];
  const spans: Span[] = [];
  /** Counter samples where a value changed (and at step 0). */
  const counters: CounterSample[] = [];
  const lastCounter: (CounterSample | undefined)[] = [];
  const open: Open[][] = s.vcpus.map(() => []);
  const parked = new Map<number, Open>();
  const pageIns = new Map<number, Open>();
  const flows: Flow[] = [];
  const flowOfFrame = new WeakMap<object, Flow>();
  const flowOfSlot = new Map<string, Flow>();
  const injected = new Map<string, Flow[]>();

  const close = (lane: string, o: Open, end: number, depth: number) =>
    spans.push({ lane, kind: o.kind, label: o.label, start: o.start, end, depth });

  const sample = (now: number) => {
    s.vcpus.forEach((v, vi) => {
      const stack = stackOf(run, s, vi);
      const was = open[vi]!;
      let same = 0;
      while (same < was.length && same < stack.length && was[same]!.key === stack[same]!.key) same++;
      for (let d = was.length - 1; d >= same; d--) close('vcpu' + vi, was[d]!, now, d);
      was.length = same;
      for (let d = same; d < stack.length; d++) was.push({ ...stack[d]!, start: now });
      const active = v.active.filter(Boolean).length;
      const last = lastCounter[vi];
      if (!last || last.active !== active || last.busy !== v.busy) {
        lastCounter[vi] = { step: now, vcpu: vi, active, busy: v.busy };
        counters.push(lastCounter[vi]!);
      }
    });
    s.tasks.forEach((t, ti) => {
      const o = parked.get(ti);
      if (t.status === 'parked' && !o)
        parked.set(ti, { key: ti, kind: 'parked', label: `parked on info[${t.parkedIdx}]`, start: now });
      else if (t.status !== 'parked' && o) {
        close(taskLane(t), o, now, 0);
        parked.delete(ti);
      }
    });
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

  const FLOW_KINDS = new Set<string>([
    'hw.ve',
    've.cc.hypercall',
    've.sm.hypercall',
    'hc.switch',
    'inj.inject',
  ]);
  const follow = (e: TraceEvent) => {
    if (!FLOW_KINDS.has(e.kind)) return;
    const vi = e.actor === 'host' ? Number(e.detail.vcpu) : Number(e.actor.slice(4));
    const v = s.vcpus[vi]!;
    const top = v.irq.length
      ? v.irq[v.irq.length - 1]
      : v.current >= 0
        ? s.tasks[v.current]!.frames.at(-1)
        : undefined;
    const point: FlowPoint = { step: e.step, actor: e.actor, kind: e.kind };
    const slot = `${vi}/${String(e.detail.idx)}`;
    switch (e.kind) {
      case 'hw.ve': {
        const flow: Flow = { id: flows.length, gpa: String(e.detail.gpa), points: [point] };
        flows.push(flow);
        if (top) flowOfFrame.set(top, flow);
        break;
      }
      case 've.cc.hypercall':
      case 've.sm.hypercall': {
        const flow = top && flowOfFrame.get(top);
        if (flow) {
          flow.points.push(point);
          flowOfSlot.set(slot, flow);
        }
        break;
      }
      case 'hc.switch': {
        const flow = flowOfSlot.get(slot);
        if (!flow) break;
        flow.points.push(point);
        flowOfSlot.delete(slot);
        if (e.detail.action === 'queue_completion') injected.set(slot, [...(injected.get(slot) ?? []), flow]);
        break;
      }
      case 'inj.inject': {
        const flow = injected.get(slot)?.shift();
        if (flow && top) {
          flow.points.push(point);
          flowOfFrame.set(top, flow);
        }
        break;
      }
    }
  };

  sample(0);
  const tickOne = () => {
    const before = events.length;
    const vTop = s.vcpus.map((v) => v.irq.at(-1));
    tickOnce(run, events);
    for (let k = before; k < events.length; k++) {
      const e = events[k]!;
      if (e.kind === 'gc.wake') {
        const vi = Number(e.actor.slice(4));
        const frame = vTop[vi];
        // The completion frame is gone after gc.wake: look it up as it was before the tick.
        const flow = frame && flowOfFrame.get(frame);
        if (flow) flow.points.push({ step: e.step, actor: e.actor, kind: e.kind });
      } else follow(e);
    }
    sample(s.tick);
  };
  const done = () => s.outcome !== null || s.tick >= maxSteps;
  let result: Recording | null = null;
  const finish = (): Recording => {
    if (result) return result;
    while (!done()) tickOne();
    const end = s.tick;
    open.forEach((stack, vi) => {
      for (let d = stack.length - 1; d >= 0; d--) close('vcpu' + vi, stack[d]!, end, d);
    });
    for (const [ti, o] of parked) close(taskLane(s.tasks[ti]!), o, end, 0);
    for (const o of pageIns.values()) close('host', o, end, 0);
    spans.sort((a, b) => a.start - b.start || a.depth - b.depth);
    result = {
      scenario,
      steps: end,
      outcome: s.outcome ?? 'max-steps',
      message: s.message,
      events,
      spans,
      flows,
      counters,
      violations: s.violations,
    };
    return result;
  };
  return {
    scenario,
    get tick() {
      return s.tick;
    },
    advance(deadline = Infinity) {
      // The clock is read every 64 ticks: a tick of a big machine takes microseconds.
      for (let k = 0; !done(); k++) {
        tickOne();
        if ((k & 63) === 63 && performance.now() >= deadline) return false;
      }
      return true;
    },
    finish,
  };
}
