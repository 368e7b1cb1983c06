import { describe, expect, it } from 'vitest';
import { loadPreset, presetNames } from '../engine/helpers';
import { recordRun } from '../../src/trace/recording';
import { toChromeTrace, type TraceEventJson } from '../../src/trace/chromeTrace';

const presets = presetNames();
const load = loadPreset;

/** Complete slices on one track either nest or are disjoint. */
function overlapping(slices: TraceEventJson[]): string[] {
  const sorted = slices
    .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), name: e.name }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const open: typeof sorted = [];
  const bad: string[] = [];
  for (const s of sorted) {
    while (open.length && open[open.length - 1]!.end <= s.start) open.pop();
    const parent = open[open.length - 1];
    if (parent && s.end > parent.end) bad.push(`${s.name}@${s.start} crosses ${parent.name}@${parent.start}`);
    open.push(s);
  }
  return bad;
}

describe('Chrome trace export', () => {
  it.each(presets)('%s: parses, names its tracks, and its slices nest on every track', (name) => {
    const scenario = load(name);
    const trace = JSON.parse(JSON.stringify(toChromeTrace(recordRun(scenario)))) as {
      traceEvents: TraceEventJson[];
    };
    const names = trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => e.args?.name);
    scenario.config.vcpus.forEach((_, i) => expect(names).toContain(`vCPU ${i}`));
    expect(names).toContain('host');
    const tracks = new Map<string, TraceEventJson[]>();
    for (const e of trace.traceEvents.filter((x) => x.ph === 'X')) {
      const key = `${e.pid}/${e.tid}`;
      tracks.set(key, [...(tracks.get(key) ?? []), e]);
    }
    for (const [track, slices] of tracks) expect(overlapping(slices), track).toEqual([]);
    // Async page-in slices come in begin/end pairs.
    const begins = trace.traceEvents.filter((e) => e.ph === 'b').length;
    expect(trace.traceEvents.filter((e) => e.ph === 'e').length).toBe(begins);
  });

  it('draws a fault as a flow from hw.ve through the host completion to the wake-up', () => {
    const rec = recordRun(load('happy-user'));
    expect(rec.flows).toHaveLength(1);
    expect(rec.flows[0]!.points.map((p) => p.kind)).toEqual([
      'hw.ve',
      've.cc.hypercall',
      'hc.switch',
      'inj.inject',
      'gc.wake',
    ]);
    const trace = toChromeTrace(rec);
    expect(trace.traceEvents.filter((e) => e.cat === 'flow').map((e) => e.ph)).toEqual([
      's',
      't',
      't',
      't',
      'f',
    ]);
  });

  it('shows the #VE handler, the parked interval and the page-in of a known scenario', () => {
    const rec = recordRun(load('nested-after-clear'));
    const kinds = rec.spans.map((s) => `${s.lane}:${s.kind}:${s.depth}`);
    expect(kinds).toContain('vcpu0:ve-handler:0');
    expect(kinds).toContain('vcpu0:ve-handler:1'); // the nested #VE inside the first handler
    expect(kinds).toContain('vcpu0:suspended:2'); // its SUSPEND_ME
    expect(kinds).toContain('task:0/app:parked:0');
    expect(kinds.filter((k) => k.startsWith('host:page-in'))).toHaveLength(2);
  });

  it('marks invariant breaks and a non-quiescent outcome', () => {
    const trace = toChromeTrace(recordRun(load('lost-wakeup')));
    const instants = trace.traceEvents.filter((e) => e.ph === 'i').map((e) => e.name);
    expect(instants).toContain('invariant host-current-consumed broken');
    expect(instants).toContain('outcome: hung');
  });
});
