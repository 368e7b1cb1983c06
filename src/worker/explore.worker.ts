/// <reference lib="webworker" />
/**
 * The explore worker: runs the explorer's sliced API (`advance`) in slices of ~30 ms separated by
 * setTimeout(0), so messages (Cancel, coverage requests) are served between slices, and posts
 * progress at most ~10 times a second. Cancel, a bound or an error ends a run with the report of
 * what it found so far. The explorations of the last batch are kept (visited sets only; frontiers
 * are dropped once done) for coverage.
 */
import { DEFAULT_VARIANT, type Scenario, type Variant } from '../engine';
import { parseScenario } from '../share/schema';
import { BROWSER_MAX_MEMORY_MIB } from '../explore/bounds';
import {
  advance,
  dropFrontier,
  progress,
  report,
  startExploration,
  stopExploration,
  type Exploration,
} from '../explore/explore';
import { coverage, machineKey } from '../explore/coverage';
import type { FromExploreWorker, ToExploreWorker } from '../explore/protocol';

declare const self: DedicatedWorkerGlobalScope;

const SLICE_MS = 30;
const PROGRESS_MS = 100;

/** Finished (or stopped) explorations of the last batch, by machine key (machine + variant). */
let kept = new Map<string, Exploration>();
/** Batches asked to stop. */
const cancelled = new Set<number>();

function post(message: FromExploreWorker): void {
  self.postMessage(message);
}

function withVariant(s: Scenario, variant: Partial<Variant> | undefined): Scenario {
  if (!variant) return s;
  return { ...s, config: { ...s.config, variant: { ...DEFAULT_VARIANT, ...variant } } };
}

function validated(s: Scenario): Scenario {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function postProgress(id: number, run: number, runs: number, ex: Exploration): void {
  const p = progress(ex);
  post({
    type: 'progress',
    id,
    run,
    runs,
    states: p.states,
    transitions: p.transitions,
    depth: p.depth,
    frontier: p.frontier,
    statesPerSecond: p.seconds > 0 ? Math.round(p.states / p.seconds) : 0,
    findings: ex.findings.size,
    memoryMiB: p.memoryMiB,
  });
}

/** Runs one exploration to its end, a bound, Cancel or an error. */
async function runOne(id: number, run: number, runs: number, ex: Exploration): Promise<void> {
  let slice = 64;
  let lastPost = 0;
  const now = () => performance.now();
  for (;;) {
    const t0 = now();
    let over: boolean;
    try {
      over = advance(ex, slice, now);
    } catch (error) {
      // An engine fault or an allocation refused: what was found so far is still reported.
      stopExploration(ex, 'error', `the search failed: ${errorText(error)}`);
      over = true;
    }
    if (!over && cancelled.has(id)) {
      stopExploration(ex, 'cancelled', 'cancelled: the search was stopped before it was complete');
      over = true;
    }
    // Aim each slice at SLICE_MS whatever the machine's cost per state (one state at least).
    const spent = now() - t0;
    slice = Math.max(1, Math.min(1 << 16, Math.round((slice * SLICE_MS) / Math.max(spent, 1))));
    if (over || now() - lastPost >= PROGRESS_MS) {
      lastPost = now();
      postProgress(id, run, runs, ex);
    }
    if (over) return;
    await nextTurn();
  }
}

async function runBatch(msg: Extract<ToExploreWorker, { type: 'start' }>): Promise<void> {
  kept = new Map();
  const variants = msg.variants ?? [undefined];
  const runs = variants.length;
  for (let run = 0; run < runs; run++) {
    const input = validated(withVariant(msg.scenario, variants[run]));
    const ex = startExploration(input, {
      maxStates: msg.maxStates,
      maxMemoryMiB: msg.maxMemoryMiB ?? BROWSER_MAX_MEMORY_MIB,
      now: () => performance.now(),
    });
    await runOne(msg.id, run, runs, ex);
    const r = report(ex);
    dropFrontier(ex);
    kept.set(machineKey(input), ex);
    const final = run === runs - 1 || cancelled.has(msg.id);
    post({
      type: 'done',
      id: msg.id,
      run,
      runs,
      final,
      variant: { ...DEFAULT_VARIANT, ...input.config.variant },
      report: r,
    });
    if (final) break;
  }
  cancelled.delete(msg.id);
}

self.onmessage = (event: MessageEvent<ToExploreWorker>) => {
  const msg = event.data;
  if (msg.type === 'start') {
    runBatch(msg).catch((error: unknown) => post({ type: 'error', id: msg.id, message: errorText(error) }));
    return;
  }
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  try {
    const ex = kept.get(machineKey(msg.scenario));
    post({ type: 'coverage', id: msg.id, coverage: ex ? coverage(ex, msg.scenario, msg.at) : null });
  } catch {
    post({ type: 'coverage', id: msg.id, coverage: null });
  }
};
