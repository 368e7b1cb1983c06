/** Export trace (Chrome trace JSON for Perfetto UI / chrome://tracing), Export SVG, Export PNG. */
import { useEffect, useState, type RefObject } from 'react';
import { useActions, useApp, usePlaygroundStore } from '../../store/appStore';
import { exportFileName } from '../../trace/timelineData';
import { download, exportPng, exportSvg, readLegend, type Caption } from './exportImage';
import type { ChartExport } from './TimelineChart';

/** Runs `fn` with every mark of the chart drawn as SVG (a long run paints them on a canvas). */
function withFullSvg<T>(exportRef: RefObject<ChartExport | null> | undefined, fn: () => T): T {
  const undo = exportRef?.current?.fullSvg();
  try {
    return fn();
  } finally {
    undo?.();
  }
}

export function ExportButtons({
  svgRef,
  exportRef,
}: {
  svgRef: RefObject<SVGSVGElement | null>;
  exportRef?: RefObject<ChartExport | null>;
}) {
  const appStore = usePlaygroundStore();
  const { requestTraceExport } = useActions();
  const scenario = useApp((s) => s.scenario);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The worker answers "export-trace" with the JSON; download it once.
  useEffect(
    () =>
      appStore.subscribe((s) => {
        if (!s.traceExport) return;
        const { json, fileName } = s.traceExport;
        appStore.setState({ traceExport: null });
        download(new Blob([json], { type: 'application/json' }), fileName);
        setBusy(false);
      }),
    [appStore],
  );

  const caption = (): Caption => {
    const { step: at, timeline } = appStore.getState();
    const title = scenario?.title ?? 'VE Playground';
    const of = timeline ? ` of ${timeline.recording.steps} (${timeline.recording.outcome})` : '';
    return { title: `${title} — step ${at}${of}`, legend: readLegend(document) };
  };
  const base = (ext: string) => (scenario ? exportFileName(scenario, ext) : `ve-playground${ext}`);
  return (
    <div className="tl-export" role="group" aria-label="export">
      <button
        type="button"
        aria-label="Export trace"
        disabled={busy}
        title="Download the whole run as a Chrome trace (JSON): open it in ui.perfetto.dev or chrome://tracing"
        onClick={() => {
          setBusy(true);
          requestTraceExport();
        }}
      >
        ⤓ trace
      </button>
      <button
        type="button"
        aria-label="Export SVG"
        title="Download the timeline as you see it (SVG)"
        onClick={() =>
          withFullSvg(
            exportRef,
            () => svgRef.current && exportSvg(svgRef.current, base('.timeline.svg'), caption()),
          )
        }
      >
        ⤓ SVG
      </button>
      <button
        type="button"
        aria-label="Export PNG"
        title="Download the timeline as you see it (PNG, 2×)"
        onClick={() => {
          if (!svgRef.current) return;
          setError(null);
          // The SVG is serialised before exportPng's first await, so the full marks are in it.
          const svg = svgRef.current;
          withFullSvg(exportRef, () => exportPng(svg, base('.timeline.png'), caption())).catch((e: unknown) =>
            setError(e instanceof Error ? e.message : String(e)),
          );
        }}
      >
        ⤓ PNG
      </button>
      {error && (
        <span className="tl-export-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
