/**
 * The timeline chart: swim lanes per vCPU, task and host with the recording's spans, arrows from
 * each fault to its hypercall, host completion, injection and wake-up, markers for invariant
 * breaks and the outcome, and the current step as a line across all lanes.
 *
 * d3 supplies the scale and the zoom behaviour (wheel / pinch zoom, drag pans); React owns every
 * node. A click in the lanes, or a click / drag on the ruler, moves the current step.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { scaleLinear } from 'd3-scale';
import { pointer, select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { TimelineData } from '../../trace/timelineData';
import {
  BUSY_STRIP,
  KIND_CLASS,
  KIND_LABEL,
  ROW,
  layoutTimeline,
  type Lane,
  type PlacedSpan,
} from './layout';

const GUTTER = 96;
const RULER = 24;
const MARKS = 16;
const TOP = RULER + MARKS;
const BOTTOM = 6;
const RIGHT = 14;
/** Arrows are drawn when at most this many are in view. */
const MAX_FLOWS = 600;
/**
 * Up to this many marks (spans and busy bars, after merging sub-pixel ones) in view, each is an
 * SVG element with its data-* hooks and tooltip; beyond, they are painted on one canvas, so that a
 * long run costs the page a bitmap instead of tens of thousands of nodes to lay out and paint.
 * "Export SVG / PNG" draws them as SVG elements for the moment of the export.
 */
const MAX_SVG_MARKS = 1500;
/** The CSS custom property of each span class's fill (timeline.css). */
const CLASS_FILL: Record<string, string> = {
  'tl-ve': '--tl-ve',
  'tl-gc': '--tl-gc',
  'tl-sm': '--tl-sm',
  'tl-exit': '--tl-exit',
  'tl-halt': '--tl-halt',
  'tl-park': '--tl-park',
  'tl-pagein': '--tl-pagein',
};
const WHITE_TEXT = new Set(['tl-exit', 'tl-park', 'tl-pagein']);

/** What the panel's export buttons call: draw every mark as SVG until the returned undo. */
export interface ChartExport {
  fullSvg(): () => void;
}

interface Props {
  data: TimelineData;
  step: number;
  width: number;
  onSeek(step: number): void;
  svgRef: RefObject<SVGSVGElement | null>;
  exportRef?: RefObject<ChartExport | null>;
}

interface DrawnSpan {
  span: PlacedSpan;
  x: number;
  w: number;
  y: number;
}

export function TimelineChart({ data, step, width, onSeek, svgRef, exportRef }: Props) {
  const rec = data.recording;
  const layout = useMemo(() => layoutTimeline(rec), [rec]);
  const steps = Math.max(1, rec.steps);
  const plotW = Math.max(50, width - GUTTER - RIGHT);
  const plotH = layout.height;
  const height = TOP + plotH + BOTTOM;
  const plotRef = useRef<SVGGElement | null>(null);
  const zoomRef = useRef<ZoomBehavior<SVGGElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const scrubbing = useRef(false);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [exporting, setExporting] = useState(false);
  const laneById = useMemo(() => new Map<string, Lane>(layout.lanes.map((l) => [l.id, l])), [layout]);

  useEffect(() => {
    if (!exportRef) return;
    exportRef.current = {
      fullSvg() {
        flushSync(() => setExporting(true));
        return () => setExporting(false);
      },
    };
    return () => {
      exportRef.current = null;
    };
  }, [exportRef]);

  const x0 = useMemo(() => scaleLinear().domain([0, steps]).range([0, plotW]), [steps, plotW]);
  const x = useMemo(() => transform.rescaleX(x0), [transform, x0]);
  const [d0, d1] = x.domain() as [number, number];

  // d3-zoom: horizontal only, bounded to the run.
  useEffect(() => {
    const g = plotRef.current;
    if (!g) return;
    const behavior = zoom<SVGGElement, unknown>()
      .scaleExtent([1, Math.max(1, steps / 6)])
      .extent([
        [0, 0],
        [plotW, plotH],
      ])
      .translateExtent([
        [0, 0],
        [plotW, plotH],
      ])
      .filter((event: Event) => !(event instanceof MouseEvent && event.button !== 0))
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behavior;
    const sel = select(g);
    sel.call(behavior);
    return () => {
      sel.on('.zoom', null);
    };
  }, [steps, plotW, plotH]);

  // A new run starts fully zoomed out.
  useEffect(() => {
    const g = plotRef.current;
    // Emits a zoom event, which sets the transform.
    if (g && zoomRef.current) select(g).call(zoomRef.current.transform, zoomIdentity);
  }, [rec]);

  const toStep = (clientEvent: MouseEvent | PointerEvent, el: Element) => {
    const [px] = pointer(clientEvent, el);
    return Math.max(0, Math.min(steps, Math.round(x.invert(px))));
  };

  const drawn = useMemo(() => {
    const out: DrawnSpan[] = [];
    const seen = new Set<string>();
    for (const s of layout.spans) {
      if (s.end < d0 || s.start > d1) continue;
      const lane = laneById.get(s.lane);
      if (!lane) continue;
      const xa = x(s.start);
      const xb = x(s.end);
      const w = Math.max(1, xb - xa);
      if (xb - xa < 1) {
        // Sub-pixel spans: one mark per pixel column, row and kind.
        const key = `${s.lane}|${s.row}|${s.kind}|${Math.floor(xa)}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push({ span: s, x: xa, w, y: lane.y + s.row * ROW });
    }
    return out;
  }, [layout, laneById, x, d0, d1]);

  const flows = useMemo(() => {
    const segs: { key: string; d: string; kind: string }[] = [];
    for (const f of rec.flows) {
      for (let k = 0; k + 1 < f.points.length; k++) {
        const a = f.points[k]!;
        const b = f.points[k + 1]!;
        if (b.step + 1 < d0 || a.step > d1) continue;
        const ya = layout.actorY.get(a.actor);
        const yb = layout.actorY.get(b.actor);
        if (ya === undefined || yb === undefined) continue;
        const xa = x(a.step + 0.5);
        const xb = x(b.step + 0.5);
        const bend = Math.max(12, Math.abs(yb - ya) / 2);
        const d =
          ya === yb
            ? `M${xa},${ya}C${xa},${ya - bend} ${xb},${yb - bend} ${xb},${yb}`
            : `M${xa},${ya}C${xa + Math.min(40, (xb - xa) / 2)},${ya} ${xb - Math.min(40, (xb - xa) / 2)},${yb} ${xb},${yb}`;
        segs.push({ key: `${f.id}-${k}`, d, kind: b.kind });
      }
    }
    return segs.length <= MAX_FLOWS ? segs : null;
  }, [rec.flows, layout, x, d0, d1]);

  const ticks = x.ticks(Math.max(2, Math.floor(plotW / 90))).filter((t) => Number.isInteger(t));
  const busyBars = useMemo(() => {
    const out: { key: string; x: number; w: number; y: number }[] = [];
    const nV = rec.scenario.config.vcpus.length;
    for (let vi = 0; vi < nV; vi++) {
      const lane = laneById.get(`vcpu${vi}`);
      if (!lane) continue;
      const samples = rec.counters.filter((c) => c.vcpu === vi);
      samples.forEach((c, k) => {
        if (c.busy === 0) return;
        const end = samples[k + 1]?.step ?? rec.steps;
        if (end < d0 || c.step > d1) return;
        out.push({
          key: `${vi}-${c.step}`,
          x: x(c.step),
          w: Math.max(1, x(end) - x(c.step)),
          y: lane.y + lane.rows * ROW,
        });
      });
    }
    return out;
  }, [rec, laneById, x, d0, d1]);

  const onCanvas = !exporting && drawn.length + busyBars.length > MAX_SVG_MARKS;

  // Canvas mode: the marks in view, painted once per zoom / recording / size / theme.
  const theme = document.documentElement.dataset.theme;
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!onCanvas || !canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(plotW * dpr);
    canvas.height = Math.round(plotH * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plotW, plotH);
    const cs = getComputedStyle(canvas);
    const fills = new Map(Object.entries(CLASS_FILL).map(([c, v]) => [c, cs.getPropertyValue(v).trim()]));
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
    ctx.font = `10.5px ${cs.fontFamily}`;
    ctx.textBaseline = 'middle';
    for (const { span: s, x: sx, w, y } of drawn) {
      const cls = KIND_CLASS[s.kind];
      ctx.fillStyle = fills.get(cls) ?? '#888';
      ctx.fillRect(sx, y + 1, w, ROW - 2);
      if (w >= 3) ctx.strokeRect(sx, y + 1, w, ROW - 2);
      if (w > s.label.length * 6.2 + 8) {
        ctx.fillStyle = WHITE_TEXT.has(cls) ? '#fff' : '#111';
        ctx.save();
        ctx.beginPath();
        ctx.rect(sx, y, w, ROW);
        ctx.clip();
        ctx.fillText(s.label, sx + 4, y + ROW / 2);
        ctx.restore();
      }
    }
    ctx.fillStyle = cs.getPropertyValue('--busy-set-bg').trim() || '#c00';
    for (const b of busyBars) ctx.fillRect(b.x, b.y, b.w, BUSY_STRIP - 1);
  }, [onCanvas, drawn, busyBars, plotW, plotH, theme]);

  // The spans, busy bars and arrows depend on the zoom and the recording, not on the step:
  // memoised elements let React skip them while playing moves only the cursor.
  const layers = useMemo(
    () => (
      <>
        {onCanvas && (
          <foreignObject x={0} y={0} width={plotW} height={plotH} pointerEvents="none">
            <canvas
              ref={canvasRef}
              className="tl-canvas"
              data-testid="timeline-canvas"
              data-marks={drawn.length + busyBars.length}
              style={{ width: plotW, height: plotH, display: 'block' }}
            />
          </foreignObject>
        )}
        {!onCanvas &&
          drawn.map(({ span: s, x: sx, w, y }) => (
            <g
              key={`${s.lane}|${s.kind}|${s.start}|${s.row}|${s.depth}`}
              className={`tl-span ${KIND_CLASS[s.kind]}`}
              data-testid="timeline-span"
              data-lane={s.lane}
              data-kind={s.kind}
              data-start={s.start}
              data-end={s.end}
              data-depth={s.depth}
            >
              <rect x={sx} y={y + 1} width={w} height={ROW - 2} rx={2} />
              {w > s.label.length * 6.2 + 8 && (
                <text x={sx + 4} y={y + ROW / 2} dominantBaseline="central">
                  {s.label}
                </text>
              )}
              <title>{`${KIND_LABEL[s.kind]}: ${s.label} (steps ${s.start}–${s.end})`}</title>
            </g>
          ))}
        {!onCanvas &&
          busyBars.map((b) => (
            <rect key={b.key} className="tl-busy" x={b.x} y={b.y} width={b.w} height={BUSY_STRIP - 1}>
              <title>busy word = 0xFFFFFFFF</title>
            </rect>
          ))}
        {flows?.map((f) => (
          <path
            key={f.key}
            d={f.d}
            className={`tl-flow tl-flow-${f.kind.replace(/\./g, '-')}`}
            markerEnd="url(#tl-arrow)"
            data-testid="timeline-flow"
          />
        ))}
      </>
    ),
    [drawn, busyBars, flows, onCanvas, plotW, plotH],
  );

  const cursorX = x(step);
  const onRulerDown = (e: ReactPointerEvent<SVGRectElement>) => {
    if (e.button !== 0) return;
    scrubbing.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    onSeek(toStep(e.nativeEvent, e.currentTarget));
  };
  const onRulerMove = (e: ReactPointerEvent<SVGRectElement>) => {
    if (scrubbing.current) onSeek(toStep(e.nativeEvent, e.currentTarget));
  };
  const onRulerUp = (e: ReactPointerEvent<SVGRectElement>) => {
    scrubbing.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };

  return (
    <svg
      ref={svgRef}
      className="tl-svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Timeline of ${steps} steps: spans per vCPU, task and host`}
      data-testid="timeline-svg"
      data-domain={`${Math.round(d0)}-${Math.round(d1)}`}
    >
      <defs>
        <marker
          id="tl-arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0L8,4L0,8z" className="tl-arrowhead" />
        </marker>
        <clipPath id="tl-clip">
          <rect x={0} y={-TOP} width={plotW} height={height} />
        </clipPath>
      </defs>
      <rect className="tl-bg" x={0} y={0} width={width} height={height} />
      {/* Lane labels */}
      <g transform={`translate(0,${TOP})`}>
        {layout.lanes.map((l) => (
          <g key={l.id} data-testid={`lane-${l.id}`}>
            <rect
              className={`tl-lane tl-lane-${l.kind}`}
              x={0}
              y={l.y}
              width={width - RIGHT}
              height={l.height}
            />
            <text
              className={`tl-lane-label tl-lane-label-${l.kind}`}
              x={l.kind === 'task' ? 18 : 6}
              y={l.y + Math.min(l.height, ROW) / 2}
              dominantBaseline="central"
            >
              {l.kind === 'task' ? `↳ ${l.label}` : l.label}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${GUTTER},0)`}>
        {/* Ruler: click or drag to move the current step */}
        <g clipPath="url(#tl-clip)">
          <rect
            className="tl-ruler"
            x={0}
            y={0}
            width={plotW}
            height={RULER}
            data-testid="timeline-ruler"
            onPointerDown={onRulerDown}
            onPointerMove={onRulerMove}
            onPointerUp={onRulerUp}
          />
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t)},0)`} className="tl-tick">
              <line y1={RULER - 6} y2={RULER} />
              <text y={RULER - 9} textAnchor={x(t) < 8 ? 'start' : x(t) > plotW - 8 ? 'end' : 'middle'}>
                {t}
              </text>
            </g>
          ))}
          {/* Markers: invariant breaks and the outcome */}
          {rec.violations.map((v, k) => {
            const at = Math.min(v.step + 1, rec.steps);
            return (
              <g
                key={`v${k}`}
                transform={`translate(${x(at)},${RULER + MARKS / 2})`}
                className="tl-break"
                data-testid={`timeline-break-${v.invariant}`}
                data-step={at}
              >
                <path d="M0,-6L6,5L-6,5z" />
                <title>{`step ${at}: ${v.invariant} broken — ${v.message}`}</title>
              </g>
            );
          })}
          <g
            transform={`translate(${x(rec.steps)},${RULER + MARKS / 2})`}
            className={`tl-outcome tl-outcome-${rec.outcome}`}
            data-testid="timeline-outcome"
            data-outcome={rec.outcome}
            data-step={rec.steps}
          >
            <rect x={-5} y={-5} width={10} height={10} />
            <text x={-9} y={0} textAnchor="end" dominantBaseline="central">
              {rec.outcome}
            </text>
            <title>{`step ${rec.steps}: ${rec.outcome}${rec.message ? ' — ' + rec.message : ''}`}</title>
          </g>
        </g>
        <g
          ref={plotRef}
          transform={`translate(0,${TOP})`}
          className="tl-plot"
          onClick={(e) => {
            if (e.defaultPrevented) return;
            onSeek(toStep(e.nativeEvent, e.currentTarget));
          }}
        >
          <rect className="tl-hit" x={0} y={0} width={plotW} height={plotH} />
          <g clipPath="url(#tl-clip)">{layers}</g>
        </g>
        {/* The current step, across the ruler and every lane */}
        {cursorX >= -1 && cursorX <= plotW + 1 && (
          <g className="tl-cursor" data-testid="timeline-cursor" data-step={step} pointerEvents="none">
            <line x1={cursorX} x2={cursorX} y1={0} y2={TOP + plotH} />
            <rect x={cursorX - 1} y={0} width={3} height={RULER} />
          </g>
        )}
      </g>
    </svg>
  );
}
