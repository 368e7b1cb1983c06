/// <reference lib="webworker" />
/**
 * The explore worker: runs the explorer's sliced API (`advance`) in slices of ~30 ms separated by
 * setTimeout(0), so messages (coverage requests) are served between slices, and posts progress at
 * most ~10 times a second. Cancel is `worker.terminate()` on the client side. The explorations of
 * the last batch are kept (visited sets only; frontiers are empty once done) for coverage.
 */
import { DEFAULT_VARIANT, type Scenario, type Variant } from '../engine';
import { parseScenario } from '../share/schema';
import { advance, dropFrontier, progress, report, startExploration, type Exploration } from './explore';
import { coverage, machineKey } from './coverage';
import type { FromExploreWorker, ToExploreWorker } from './client';

declare const self: DedicatedWorkerGlobalScope;

const SLICE_MS = 30;
const PROGRESS_MS = 100;

/** Finished explorations of the last batch, by machine key (machine + variant). */
let kept = new Map<string, Exploration>();

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

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function runBatch(msg: Extract<ToExploreWorker, { type: 'start' }>): Promise<void> {
  kept = new Map();
  const variants = msg.variants ?? [undefined];
  const runs = variants.length;
  for (let run = 0; run < runs; run++) {
    const input = validated(withVariant(msg.scenario, variants[run]));
    const ex = startExploration(input, { maxStates: msg.maxStates, now: () => performance.now() });
    let slice = 256;
    let lastPost = 0;
    for (;;) {
      const t0 = performance.now();
      const over = advance(ex, slice, () => performance.now());
      const spent = performance.now() - t0;
      // Aim each slice at SLICE_MS whatever the machine's cost per state.
      slice = Math.max(16, Math.min(1 << 16, Math.round((slice * SLICE_MS) / Math.max(spent, 1))));
      const now = performance.now();
      if (over || now - lastPost >= PROGRESS_MS) {
        lastPost = now;
        const p = progress(ex);
        post({
          type: 'progress',
          id: msg.id,
          run,
          runs,
          states: p.states,
          transitions: p.transitions,
          depth: p.depth,
          frontier: p.frontier,
          statesPerSecond: p.seconds > 0 ? Math.round(p.states / p.seconds) : 0,
        });
      }
      if (over) break;
      await nextTurn();
    }
    const r = report(ex);
    dropFrontier(ex);
    kept.set(machineKey(input), ex);
    post({
      type: 'done',
      id: msg.id,
      run,
      runs,
      variant: { ...DEFAULT_VARIANT, ...input.config.variant },
      report: r,
    });
  }
}

self.onmessage = (event: MessageEvent<ToExploreWorker>) => {
  const msg = event.data;
  if (msg.type === 'start') {
    runBatch(msg).catch((error: unknown) =>
      post({ type: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  try {
    const ex = kept.get(machineKey(msg.scenario));
    post({ type: 'coverage', id: msg.id, coverage: ex ? coverage(ex, msg.scenario, msg.at) : null });
  } catch {
    post({ type: 'coverage', id: msg.id, coverage: null });
  }
};
