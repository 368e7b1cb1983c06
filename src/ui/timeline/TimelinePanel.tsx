/**
 * The timeline panel below the machine view: navigation by meaning, export, a legend, and the
 * swim-lane chart of the whole run with the current step on it.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useActions, useApp } from '../../store/appStore';
import { Deferred } from '../Lazy';
import { KIND_CLASS, KIND_LABEL, KIND_ORDER } from './layout';
import { NavigationControls } from './NavigationControls';
import type { ChartExport } from './TimelineChart';
import './timeline.css';

// The chart and d3's zoom behaviour are a chunk of their own: the first paint shows the machine,
// and the chart draws once the recording arrives anyway.
const TimelineChart = lazy(() => import('./TimelineChart').then((m) => ({ default: m.TimelineChart })));
// The export buttons carry the SVG / PNG code; they show once their chunk is in.
const ExportButtons = lazy(() => import('./ExportButtons').then((m) => ({ default: m.ExportButtons })));

/** Rendered beside the chart inside its Suspense boundary: its effect runs once the chart is shown. */
function Shown({ onShown }: { onShown(): void }) {
  useEffect(onShown, [onShown]);
  return null;
}

/** Seeks while scrubbing go out at most once per animation frame; the last one always does. */
function useFrameSeek(): (step: number) => void {
  const { seek } = useActions();
  const pending = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  return useCallback(
    (step: number) => {
      pending.current = step;
      if (frame.current !== null) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        if (pending.current !== null) seek(pending.current);
        pending.current = null;
      });
    },
    [seek],
  );
}

export function TimelinePanel() {
  const data = useApp((s) => s.timeline);
  const step = useApp((s) => s.step);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const exportRef = useRef<ChartExport | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(800);
  const onSeek = useFrameSeek();
  // data-ready says the chart is on screen, so it waits for the chart's chunk too.
  const [chartShown, setChartShown] = useState(false);
  const onChartShown = useCallback(() => setChartShown(true), []);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, Math.floor(box.clientWidth))));
    // The observer reports the first size too.
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  return (
    <section
      className="panel tl-panel"
      aria-label="timeline"
      data-testid="timeline"
      data-ready={data && chartShown ? 'true' : 'false'}
    >
      <div className="tl-head">
        <h3>Timeline</h3>
        {data && <NavigationControls data={data} step={step} />}
        <Suspense fallback={null}>
          <ExportButtons svgRef={svgRef} exportRef={exportRef} />
        </Suspense>
      </div>
      <div className="tl-legend" aria-hidden="true">
        {KIND_ORDER.map((k) => (
          <span key={k} className={`tl-legend-item ${KIND_CLASS[k]}`}>
            <svg width="14" height="10">
              <rect x="0" y="0" width="14" height="10" rx="2" />
            </svg>
            {KIND_LABEL[k]}
          </span>
        ))}
        <span className="tl-legend-item">
          <svg width="22" height="10">
            <path d="M1,5H17" className="tl-flow" />
            <path d="M15,1L21,5L15,9z" className="tl-arrowhead" />
          </svg>
          fault → hypercall → completion → injection → wake
        </span>
        <span className="tl-legend-item tl-busy-legend">
          <svg width="14" height="10">
            <rect x="0" y="3" width="14" height="4" className="tl-busy" />
          </svg>
          busy word set
        </span>
        <span className="tl-legend-hint muted">
          wheel: zoom · drag: pan · click / drag the ruler: move the step
        </span>
      </div>
      <div className="tl-box" ref={boxRef}>
        {data ? (
          <Deferred what="the timeline">
            <TimelineChart
              data={data}
              step={step}
              width={width}
              onSeek={onSeek}
              svgRef={svgRef}
              exportRef={exportRef}
            />
            <Shown onShown={onChartShown} />
          </Deferred>
        ) : (
          <p className="muted">Recording the run…</p>
        )}
      </div>
    </section>
  );
}
