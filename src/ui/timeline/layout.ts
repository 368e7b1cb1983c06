/**
 * Where things go on the timeline (pure, no DOM): one lane per vCPU (a row per nesting depth and
 * a thin strip for the busy word), a lane per task that ever parks (under its vCPU), and one lane
 * for the host (page-ins packed into rows so that concurrent ones do not overlap).
 */
import type { Recording, Span, SpanKind } from '../../trace/recording';

export const ROW = 18;
export const BUSY_STRIP = 5;
const LANE_GAP = 6;

export interface Lane {
  /** "vcpu0", "task:0/app", "host" */
  id: string;
  label: string;
  kind: 'vcpu' | 'task' | 'host';
  y: number;
  height: number;
  rows: number;
}

export interface PlacedSpan extends Span {
  row: number;
}

export interface Layout {
  lanes: Lane[];
  spans: PlacedSpan[];
  height: number;
  /** y of the centre of an actor's first row ("vcpu0", "host"). */
  actorY: Map<string, number>;
}

export const KIND_LABEL: Record<SpanKind, string> = {
  've-handler': 'in #VE handler',
  completion: 'in completion handler',
  suspended: 'suspended by host',
  'vm-exit': 'VM exit',
  halted: 'halted',
  parked: 'task parked',
  'page-in': 'resolution in flight',
};

/** The CSS class of each span kind (timeline.css), shared by the chart and the legend. */
export const KIND_CLASS: Record<SpanKind, string> = {
  've-handler': 'tl-ve',
  completion: 'tl-gc',
  suspended: 'tl-sm',
  'vm-exit': 'tl-exit',
  halted: 'tl-halt',
  parked: 'tl-park',
  'page-in': 'tl-pagein',
};

export const KIND_ORDER: readonly SpanKind[] = [
  've-handler',
  'completion',
  'suspended',
  'vm-exit',
  'halted',
  'parked',
  'page-in',
];

/** Greedy interval packing: the first row whose last span ended at or before this one starts. */
function pack(spans: Span[]): PlacedSpan[] {
  const rowEnds: number[] = [];
  return [...spans]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((s) => {
      let row = rowEnds.findIndex((end) => end <= s.start);
      if (row < 0) row = rowEnds.length;
      rowEnds[row] = Math.max(s.end, s.start + 1);
      return { ...s, row };
    });
}

export function layoutTimeline(rec: Recording): Layout {
  const nVcpus = rec.scenario.config.vcpus.length;
  const byLane = new Map<string, Span[]>();
  for (const s of rec.spans) {
    const list = byLane.get(s.lane);
    if (list) list.push(s);
    else byLane.set(s.lane, [s]);
  }
  const lanes: Lane[] = [];
  const spans: PlacedSpan[] = [];
  const actorY = new Map<string, number>();
  let y = 0;
  const addLane = (id: string, label: string, kind: Lane['kind'], placed: PlacedSpan[], extra = 0) => {
    const rows = Math.max(1, ...placed.map((s) => s.row + 1));
    const height = rows * ROW + extra;
    lanes.push({ id, label, kind, y, height, rows });
    for (const s of placed) spans.push(s);
    if (kind !== 'task') actorY.set(id, y + ROW / 2);
    y += height + LANE_GAP;
  };
  for (let i = 0; i < nVcpus; i++) {
    const id = `vcpu${i}`;
    addLane(
      id,
      `vCPU ${i}`,
      'vcpu',
      (byLane.get(id) ?? []).map((s) => ({ ...s, row: s.depth })),
      BUSY_STRIP,
    );
    rec.scenario.config.vcpus[i]!.tasks.forEach((t) => {
      const lane = `task:${i}/${t.name}`;
      const parked = byLane.get(lane);
      if (parked?.length) addLane(lane, `${t.name}`, 'task', pack(parked));
    });
  }
  addLane('host', 'host', 'host', pack(byLane.get('host') ?? []));
  return { lanes, spans, height: Math.max(0, y - LANE_GAP), actorY };
}
