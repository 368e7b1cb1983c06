/**
 * The run as a Chrome trace (the JSON Trace Event Format that Perfetto UI and chrome://tracing
 * open): process 1 is the guest with a track per vCPU and per task, process 2 the host. Every
 * executed step is a slice on its actor's track, nested inside the spans of recording.ts; flows
 * link a fault to its hypercall, host completion, injection and wake-up; counters show the
 * `active` population and the busy word. One tick is drawn as one millisecond.
 */
import type { Recording } from './recording';

const TICK_US = 1000;
const GUEST = 1;
const HOST = 2;

export interface TraceEventJson {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: string;
  /** Instant events: 'g' = drawn across the whole trace. */
  s?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEventJson[];
  displayTimeUnit: 'ms';
  metadata: Record<string, unknown>;
}

function laneTrack(lane: string, tasks: Map<string, number>, nVcpus: number): { pid: number; tid: number } {
  if (lane === 'host') return { pid: HOST, tid: 1 };
  if (lane.startsWith('vcpu')) return { pid: GUEST, tid: Number(lane.slice(4)) + 1 };
  let tid = tasks.get(lane);
  if (tid === undefined) {
    tid = 1000 + nVcpus + tasks.size;
    tasks.set(lane, tid);
  }
  return { pid: GUEST, tid };
}

export function toChromeTrace(rec: Recording): ChromeTrace {
  const nVcpus = rec.scenario.config.vcpus.length;
  const tasks = new Map<string, number>();
  const out: TraceEventJson[] = [];
  const meta = (pid: number, tid: number, name: string, what: 'process_name' | 'thread_name') =>
    out.push({ name: what, ph: 'M', pid, tid, ts: 0, args: { name } });
  meta(GUEST, 0, 'guest', 'process_name');
  meta(HOST, 0, 'host (KVM)', 'process_name');
  for (let i = 0; i < nVcpus; i++) meta(GUEST, i + 1, `vCPU ${i}`, 'thread_name');
  meta(HOST, 1, 'host', 'thread_name');
  rec.scenario.config.vcpus.forEach((v, i) =>
    v.tasks.forEach((t) => {
      const { tid } = laneTrack(`task:${i}/${t.name}`, tasks, nVcpus);
      meta(GUEST, tid, `task ${t.name} (vCPU ${i})`, 'thread_name');
    }),
  );

  for (const sp of rec.spans) {
    const { pid, tid } = laneTrack(sp.lane, tasks, nVcpus);
    const dur = (sp.end - sp.start) * TICK_US;
    if (sp.kind === 'page-in') {
      // Page-ins overlap freely: async slices, one id each.
      const id = out.length;
      out.push({ name: sp.label, cat: 'page-in', ph: 'b', pid, tid, ts: sp.start * TICK_US, id });
      out.push({ name: sp.label, cat: 'page-in', ph: 'e', pid, tid, ts: sp.end * TICK_US, id });
    } else {
      out.push({ name: sp.label, cat: sp.kind, ph: 'X', pid, tid, ts: sp.start * TICK_US, dur });
    }
  }
  for (const e of rec.events) {
    const { pid, tid } = laneTrack(e.actor, tasks, nVcpus);
    out.push({
      name: e.kind,
      cat: 'step',
      ph: 'X',
      pid,
      tid,
      ts: e.step * TICK_US,
      dur: TICK_US,
      args: { step: e.step, ...e.detail },
    });
  }
  for (const f of rec.flows) {
    if (f.points.length < 2) continue;
    f.points.forEach((p, k) => {
      const { pid, tid } = laneTrack(p.actor, tasks, nVcpus);
      const ph = k === 0 ? 's' : k === f.points.length - 1 ? 'f' : 't';
      // Bind to the step slice (ts inside it), so the arrow lands on the step.
      out.push({
        name: `fault ${f.gpa}`,
        cat: 'flow',
        ph,
        pid,
        tid,
        ts: p.step * TICK_US + TICK_US / 2,
        id: f.id,
        ...(ph === 'f' ? { bp: 'e' } : {}),
      });
    });
  }
  for (const c of rec.counters) {
    out.push({
      name: `active bits vCPU ${c.vcpu}`,
      ph: 'C',
      pid: GUEST,
      tid: 0,
      ts: c.step * TICK_US,
      args: { active: c.active },
    });
    out.push({
      name: `busy word vCPU ${c.vcpu}`,
      ph: 'C',
      pid: GUEST,
      tid: 0,
      ts: c.step * TICK_US,
      args: { busy: c.busy === 0 ? 0 : 1 },
    });
  }
  for (const v of rec.violations) {
    out.push({
      name: `invariant ${v.invariant} broken`,
      ph: 'i',
      s: 'g',
      pid: GUEST,
      tid: 0,
      ts: v.step * TICK_US,
      args: { message: v.message },
    });
  }
  if (rec.outcome !== 'quiescent')
    out.push({
      name: `outcome: ${rec.outcome}`,
      ph: 'i',
      s: 'g',
      pid: GUEST,
      tid: 0,
      ts: rec.steps * TICK_US,
      args: { message: rec.message },
    });
  return {
    traceEvents: out,
    displayTimeUnit: 'ms',
    metadata: {
      've-playground': { title: rec.scenario.title ?? null, steps: rec.steps, outcome: rec.outcome },
    },
  };
}
