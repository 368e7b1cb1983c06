/**
 * The one owner of a run in the worker: the scenario, the run at the user's position, the run's
 * checkpoints, its one event log, the timeline's recording and the clicks the user recorded.
 *
 * Time travel. The run goes forward by executing ticks and anywhere else by restoring the nearest
 * checkpoint and replaying (the engine is deterministic, so a replay *is* the earlier state).
 * Everything below `frontier` is known: it has its events in the log and its checkpoints, and the
 * recording has sampled it. Only the run at the frontier (`front`) ever executes a new tick; the
 * user's run is `front` itself or a clone behind it, which replays with events off (the engine's
 * fast path) and becomes `front` again when it reaches it. Idle stretches are skipped in O(1).
 *
 * A click rewrites the future only: the action goes in at the current tick, every checkpoint and
 * event before it stays valid (they precede the action), the Machine gets the new action list
 * (machineEdit.ts) and the run continues from the current state; the recording is truncated to
 * the current tick and extends from there.
 *
 * Pure: no DOM, no timers. Used by the engine worker, tests and bench.
 */
import { cloneState, compile, initialState, type Machine, type Outcome, type Run } from '../engine';
import type { AccessAction, Action, PickAction, Scenario, State, TraceEvent } from '../engine';
import { tickOnce } from '../engine/run';
import { startRecording, type Recorder, type Recording } from '../trace/recording';
import { applyClick, clickProblem, placeClick, undoClick, type ClickRecord } from './clicks';
import { nextBusyTick, skipIdle } from './idleSkip';
import { withActions } from './machineEdit';

export interface RunOwnerOptions {
  /** Ticks between checkpoints at first (default 256). */
  every?: number;
  /** Checkpoints kept at most; beyond, every other one is dropped and the spacing doubles (default 200). */
  maxCheckpoints?: number;
  /** The timeline records the run up to this tick (default 0: no recording). */
  recordUntil?: number;
}

export type TickResult = 'step' | 'idle' | 'stop';

interface Checkpoint {
  tick: number;
  state: State;
}

export class RunOwner {
  scenario: Scenario;
  private machine: Machine;
  /** The run at the user's position: `front`, or a clone behind it. */
  run: Run;
  /** The run at the frontier: the only one that executes ticks for the first time. */
  private front: Run;
  /** One event per executed step below the frontier, in order. */
  private readonly log: TraceEvent[] = [];
  /** The tick where the run stops (settles), once the frontier got there. */
  private endTick: number | null = null;
  private checkpoints: Checkpoint[];
  private every: number;
  private readonly maxCheckpoints: number;
  private readonly recordUntil: number;
  private recorder: Recorder | null;
  /** Set when the user moved backwards: the next click starts a new timeline (drops the recorded future). */
  rewound = false;
  /** The clicks recorded since the scenario was loaded, oldest first (for undo). */
  clicks: ClickRecord[] = [];

  constructor(scenario: Scenario, options: RunOwnerOptions = {}) {
    this.every = Math.max(1, Math.floor(options.every ?? 256));
    this.maxCheckpoints = Math.max(2, Math.floor(options.maxCheckpoints ?? 200));
    this.recordUntil = options.recordUntil ?? 0;
    this.scenario = scenario;
    this.machine = compile(scenario);
    this.front = { scenario, machine: this.machine, state: initialState(this.machine) };
    this.run = this.front;
    this.checkpoints = [{ tick: 0, state: cloneState(this.front.state) }];
    this.recorder = this.recordUntil > 0 ? startRecording(this.front) : null;
  }

  /** The current position: the number of the next tick. */
  get tick(): number {
    return this.run.state.tick;
  }

  /** Everything below this tick has been executed once and is known. */
  get frontier(): number {
    return this.front.state.tick;
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

  /** Executes one tick (or one idle stretch, but not beyond `limit`) from the current position. */
  advance(limit = Infinity): TickResult {
    if (this.run === this.front) return this.liveTick(limit);
    const run = this.run;
    const result = tickOnce(run);
    if (result === 'idle') skipIdle(run.machine, run.state, Math.min(limit, this.frontier));
    if (run.state.tick >= this.frontier) this.run = this.front;
    return result;
  }

  /** Idle ticks, then exactly one executed step. False when the run has stopped (or never can step again). */
  stepOnce(): boolean {
    for (;;) {
      const before = this.tick;
      const r = this.advance();
      if (r === 'stop') return false;
      if (r === 'step') return true;
      if (this.tick === before + 1 && this.neverBusy()) return false;
    }
  }

  /**
   * Positions the run at tick `target` (or where it stops, if earlier). Going beyond the frontier
   * executes at most `maxWork` ticks (idle stretches count once); returns the tick reached.
   */
  seek(target: number, maxWork = Infinity): number {
    let goal = Math.max(0, Math.floor(target));
    if (this.endTick !== null) goal = Math.min(goal, this.endTick);
    if (goal < this.tick) this.rewound = true;
    if (goal >= this.frontier) {
      this.run = this.front;
      this.runFront(goal, maxWork);
      return this.tick;
    }
    const cp = this.nearestCheckpoint(goal);
    if (this.run === this.front || goal < this.tick || cp.tick > this.tick) this.run = this.restore(cp);
    while (this.tick < goal) this.advance(goal);
    return this.tick;
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
   * Runs the frontier ahead to tick `limit` (or the end of the run) without moving the position,
   * executing at most `maxWork` ticks. Returns true when there is nothing left to do up to `limit`.
   */
  extendTo(limit: number, maxWork = Infinity): boolean {
    if (this.endTick !== null || this.frontier >= limit) return true;
    if (this.run === this.front) this.run = { ...this.front, state: cloneState(this.front.state) };
    this.runFront(limit, maxWork);
    return this.endTick !== null || this.frontier >= limit;
  }

  /** The timeline's recording, once the frontier has passed its limit or the run's end; else null. */
  recording(): Recording | null {
    if (!this.recorder) return null;
    const stopped = this.endTick !== null && this.endTick <= this.recordUntil;
    if (!stopped && this.frontier < this.recordUntil) return null;
    const s = this.front.state;
    const outcome: Outcome = stopped ? s.outcome! : 'max-steps';
    return this.recorder.finish(this.log, outcome, stopped ? s.message : null);
  }

  /** The tick up to which the timeline is recorded (0: none). */
  get recordingLimit(): number {
    return this.recordUntil;
  }

  /** Records a click at the current tick; throws when the action is refused. */
  record(click: AccessAction | PickAction): ClickRecord {
    const action = { ...click, at: this.tick };
    const problem = clickProblem(this.scenario, action);
    if (problem) throw new Error(problem);
    const rec = placeClick(this.scenario.actions, action, this.rewound);
    this.rewrite(applyClick(this.scenario.actions, rec));
    this.rewound = false;
    this.clicks.push(rec);
    return rec;
  }

  /** Removes the last recorded click and stands where it was made (the state before it). */
  undoClick(): boolean {
    const rec = this.clicks.at(-1);
    if (!rec) return false;
    const actions = undoClick(this.scenario.actions, rec);
    if (!actions) {
      this.clicks = [];
      return false;
    }
    this.clicks.pop();
    this.seek(rec.action.at);
    this.rewrite(actions);
    this.rewound = rec.rewound;
    return true;
  }

  /** The scenario without any recorded click (as loaded), or null when the records do not fit it. */
  loadedScenario(): Scenario | null {
    let actions: Action[] | null = this.scenario.actions;
    for (let i = this.clicks.length - 1; i >= 0 && actions; i--)
      actions = undoClick(actions, this.clicks[i]!);
    return actions ? { ...this.scenario, actions } : null;
  }

  /**
   * Rewrites the actions from the current tick on (the caller made sure they differ only there):
   * the prefix of the run stays, the future is forgotten and will be executed anew.
   */
  private rewrite(actions: Action[]): void {
    const t = this.tick;
    const scenario: Scenario = { ...this.scenario, actions };
    const machine = withActions(this.machine, scenario);
    if (!machine) {
      this.reload(scenario, t);
      return;
    }
    // The position's state, unsettled: at the old end the run had been settled (outcome set).
    let state = this.run.state;
    if (state.outcome !== null && t === this.endTick) {
      const probe: Run = { scenario, machine, state: cloneState(this.nearestCheckpoint(t).state) };
      while (probe.state.tick < t) {
        const r = tickOnce(probe);
        if (r === 'stop') break;
        if (r === 'idle') skipIdle(machine, probe.state, t);
      }
      state = probe.state;
    }
    this.scenario = scenario;
    this.machine = machine;
    this.front = { scenario, machine, state };
    this.run = this.front;
    this.endTick = null;
    this.log.length = this.eventsBefore(t);
    this.checkpoints = this.checkpoints.filter((c) => c.tick <= t);
    // The recording forgets the rewritten future (and follows the new front's objects).
    if (this.recorder && t <= this.recorder.tick && t < this.recordUntil)
      this.recorder.truncate(t, this.front);
  }

  /** Starts again from `scenario` and goes to tick `at` (a rewrite the Machine cannot take in place). */
  private reload(scenario: Scenario, at: number): void {
    const fresh = new RunOwner(scenario, {
      every: this.every,
      maxCheckpoints: this.maxCheckpoints,
      recordUntil: this.recordUntil,
    });
    fresh.seek(at);
    this.scenario = scenario;
    this.machine = fresh.machine;
    this.front = fresh.front;
    this.run = fresh.run;
    this.endTick = fresh.endTick;
    this.log.length = 0;
    this.log.push(...fresh.log);
    this.checkpoints = fresh.checkpoints;
    this.every = fresh.every;
    this.recorder = fresh.recorder;
  }

  /** Executes ticks at the frontier up to `limit` (the run is the front or runs ahead of the position). */
  private runFront(limit: number, maxWork: number): void {
    for (let work = 0; work < maxWork && this.front.state.tick < limit; work++) {
      const before = this.front.state.tick;
      const r = this.liveTick(limit);
      if (r === 'stop') return;
      if (r === 'idle' && this.front.state.tick === before + 1 && this.neverBusy(this.front)) return;
    }
  }

  /** After an idle tick: nothing will ever be due (no action, no page-in, no pick), yet the run is not over. */
  private neverBusy(run: Run = this.run): boolean {
    return nextBusyTick(run.machine, run.state) === Infinity;
  }

  /** One tick of the front: events into the log, checkpoints, the recording. */
  private liveTick(limit: number): TickResult {
    const f = this.front;
    const s = f.state;
    const from = this.log.length;
    const result = tickOnce(f, this.log);
    if (result === 'stop') {
      this.endTick = s.tick;
      if (this.recorder && s.tick <= this.recordUntil) this.recorder.observe(f, this.log, from);
      return result;
    }
    if (result === 'idle') skipIdle(f.machine, s, limit);
    if (this.recorder && this.recorder.tick < this.recordUntil) this.recorder.observe(f, this.log, from);
    if (s.tick - this.checkpoints[this.checkpoints.length - 1]!.tick >= this.every) this.checkpoint();
    return result;
  }

  private checkpoint(): void {
    this.checkpoints.push({ tick: this.front.state.tick, state: cloneState(this.front.state) });
    if (this.checkpoints.length > this.maxCheckpoints) {
      // Every other one goes (the first stays): memory stays bounded, the spacing stays even.
      this.every *= 2;
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
    }
  }

  private restore(cp: Checkpoint): Run {
    return { scenario: this.scenario, machine: this.machine, state: cloneState(cp.state) };
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
