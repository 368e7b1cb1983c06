/**
 * Main-thread work from a Chromium trace: the CPU time (thread time, not wall time, so a loaded
 * machine stretches it less) of every top-level task on the page's main thread while `work` runs,
 * and how much of it went to style and layout (forced ones inside scripts included) and to the
 * paint phases (pre-paint, paint, layerize).
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadSplit {
  /** Every top-level task. */
  total: number;
  /** Style recalculation and layout, wherever they ran (in a frame or forced by a script). */
  styleLayout: number;
  /** Pre-paint, paint and layerize. */
  paint: number;
}

const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize']);

/** Milliseconds of main-thread CPU spent while `work` ran, split; the trace is written to `keep` if given. */
export async function mainThreadSplit(
  browser: Browser,
  page: Page,
  work: () => Promise<void>,
  keep?: string,
): Promise<MainThreadSplit> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'], path: keep });
  await work();
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const split: MainThreadSplit = { total: 0, styleLayout: 0, paint: 0 };
  // Paint events nest (a layer's paint inside the document's): count only the outermost.
  let paintEnd = -1;
  const onMain = events
    .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const e of onMain) {
    const ms = (e.tdur ?? 0) / 1000;
    if (e.name === 'ThreadControllerImpl::RunTask') split.total += ms;
    else if (STYLE_LAYOUT.has(e.name)) split.styleLayout += ms;
    else if (PAINT.has(e.name) && e.ts >= paintEnd) {
      split.paint += ms;
      paintEnd = e.ts + (e.dur ?? 0);
    }
  }
  return split;
}

/** Milliseconds of main-thread CPU spent while `work` ran; the trace is written to `keep` if given. */
export async function mainThreadMs(
  browser: Browser,
  page: Page,
  work: () => Promise<void>,
  keep?: string,
): Promise<number> {
  return (await mainThreadSplit(browser, page, work, keep)).total;
}
