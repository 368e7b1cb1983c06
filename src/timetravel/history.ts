/**
 * Time travel that scales: a run positioned at any tick, moved forward by executing ticks and
 * anywhere else by restoring the nearest checkpoint and replaying deterministically from it.
 *
 * - A checkpoint (a `cloneRun`) is taken every `every` ticks while the run first goes through
 *   them. When there are more than `maxCheckpoints`, every other one is dropped and the spacing
 *   doubles, so memory stays bounded and the spacing stays even: a seek replays fewer than
 *   `every` ticks (at most `every × 2^k` after k thinnings), whatever the run's length.
 * - The trace events are recorded once, the first time a tick executes (the engine is
 *   deterministic, so a replay produces the same ones); replays inside the known part of the run
 *   run with events off, which is the fast path of the engine.
 * - `extendTo(limit)` runs ahead (checkpoints and events) without moving the position, so that a
 *   later jump anywhere in the run costs one clone and a short replay.
 *
 * Pure: no DOM, no timers. Used by the engine worker (src/worker/timeline.ts), tests and bench.
 */
import { cloneRun, startRun, type Run, type Scenario, type TraceEvent } from '../engine';
import { tickOnce } from '../engine/run';

export interface HistoryOptions {
  /** Ticks between checkpoints at first (default 256). */
  every?: number;
  /** Checkpoints kept at most; beyond, every other one is dropped (default 256). */
  maxCheckpoints?: number;
}

interface Checkpoint {
  tick: number;
  run: Run;
}

export type TickResult = 'step' | 'idle' | 'stop';

export class History {
  readonly scenario: Scenario;
  /** The run at the current position (mutated by forward moves; replaced by seeks). */
  run: Run;
  /** One event per executed step of the known part of the run (ticks below `frontier`), in order. */
  private readonly log: TraceEvent[] = [];
  /** The first tick not executed yet by any move: everything below it is known. */
  private frontierTick = 0;
  /** The tick at which the run stops (settles), once known. */
  private endTick: number | null = null;
  private checkpoints: Checkpoint[];
  private every: number;
  private readonly maxCheckpoints: number;

  constructor(scenario: Scenario, options: HistoryOptions = {}) {
    this.scenario = scenario;
    this.every = Math.max(1, Math.floor(options.every ?? 256));
    this.maxCheckpoints = Math.max(2, Math.floor(options.maxCheckpoints ?? 256));
    this.run = startRun(scenario);
    this.checkpoints = [{ tick: 0, run: cloneRun(this.run) }];
  }

  /** The current position: the number of the next tick. */
  get tick(): number {
    return this.run.state.tick;
  }

  /** Everything below this tick has been executed once and is known. */
  get frontier(): number {
    return this.frontierTick;
  }

  /** The tick where the run stops, or null while not reached yet. */
  get end(): number | null {
    return this.endTick;
  }

  /** Current spacing of the checkpoints (doubles on every thinning). */
  get spacing(): number {
    return this.every;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Number of events executed before tick `t` (t ≤ frontier). */
  eventsBefore(t: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid]!.step < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last `n` events before the current position, oldest first. */
  eventTail(n: number): TraceEvent[] {
    const end = this.eventsBefore(this.tick);
    return this.log.slice(Math.max(0, end - n), end);
  }

  /** Every event before the current position (a copy; O(run length)). */
  pastEvents(): TraceEvent[] {
    return this.log.slice(0, this.eventsBefore(this.tick));
  }

  /** Executes one tick from the current position. */
  advance(): TickResult {
    const s = this.run.state;
    const live = s.tick >= this.frontierTick;
    const result = tickOnce(this.run, live ? this.log : undefined);
    if (result === 'stop') {
      this.endTick = s.tick;
      this.frontierTick = Math.max(this.frontierTick, s.tick);
      return result;
    }
    if (live) {
      this.frontierTick = s.tick;
      if (s.tick % this.every === 0) this.checkpoint();
    }
    return result;
  }

  /** Idle ticks, then exactly one executed step. False when the run has stopped. */
  stepOnce(maxIdleTicks = 1_000_000): boolean {
    for (let idle = 0; idle < maxIdleTicks; idle++) {
      const r = this.advance();
      if (r === 'stop') return false;
      if (r === 'step') return true;
    }
    return false;
  }

  /**
   * Positions the run at tick `target` (or where it stops, if earlier): the nearest checkpoint at
   * or below it (or the current run, if closer), then a deterministic replay. At the tick where
   * the run stops the state is settled (its outcome set), as stepping there leaves it.
   */
  seek(target: number): void {
    let goal = Math.max(0, Math.floor(target));
    if (this.endTick !== null) goal = Math.min(goal, this.endTick);
    const cp = this.nearestCheckpoint(goal);
    if (goal < this.tick || cp.tick > this.tick) this.run = cloneRun(cp.run);
    while (this.tick < goal && this.advance() !== 'stop') {
      /* replaying */
    }
    if (this.endTick !== null && this.tick === this.endTick && this.run.state.outcome === null)
      tickOnce(this.run);
  }

  /** The previous step boundary: 0, or one past an executed step, strictly below the position. */
  previousBoundary(): number {
    const now = this.tick;
    for (let i = this.eventsBefore(now) - 1; i >= 0; i--) {
      const boundary = this.log[i]!.step + 1;
      if (boundary < now) return boundary;
    }
    return 0;
  }

  /** Returns to the position one Step earlier. */
  back(): void {
    this.seek(this.previousBoundary());
  }

  /**
   * Runs ahead to tick `limit` (or the end of the run), recording events and checkpoints, and
   * leaves the position where it was.
   */
  extendTo(limit: number): void {
    if (this.endTick !== null || this.frontierTick >= limit) return;
    const saved = this.run;
    const cp = this.nearestCheckpoint(this.frontierTick);
    this.run = cp.tick > saved.state.tick ? cloneRun(cp.run) : cloneRun(saved);
    while (this.tick < limit && this.advance() !== 'stop') {
      /* running ahead */
    }
    this.run = saved;
  }

  private checkpoint(): void {
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (last.tick >= this.tick) return;
    this.checkpoints.push({ tick: this.tick, run: cloneRun(this.run) });
    if (this.checkpoints.length > this.maxCheckpoints) {
      this.every *= 2;
      this.checkpoints = this.checkpoints.filter((c) => c.tick % this.every === 0);
    }
  }

  private nearestCheckpoint(goal: number): Checkpoint {
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cps[mid]!.tick <= goal) lo = mid;
      else hi = mid - 1;
    }
    return cps[lo]!;
  }
}
