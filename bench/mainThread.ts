/**
 * Main-thread work from a Chromium trace: the CPU time (thread time, not wall time, so a loaded
 * machine stretches it less) of every top-level task on the page's main thread while `work` runs.
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** Milliseconds of main-thread CPU spent while `work` ran; the trace is written to `keep` if given. */
export async function mainThreadMs(
  browser: Browser,
  page: Page,
  work: () => Promise<void>,
  keep?: string,
): Promise<number> {
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
  let micros = 0;
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`))
      micros += e.tdur ?? 0;
  }
  return micros / 1000;
}
