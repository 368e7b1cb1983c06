/**
 * The run as a timeline the user moves along: forward by executing ticks, backward by replaying
 * the scenario from the nearest checkpoint (the engine is deterministic, so a replay *is* the
 * earlier state). Clicks and picks become actions of the scenario at the current tick.
 */
import { cloneRun, startRun, tick, type Action, type Run, type Scenario, type TraceEvent } from '../engine';

/** A checkpoint every this many ticks keeps Back and seeks cheap on long runs. */
const CHECKPOINT_EVERY = 256;
/** Beyond this many checkpoints every other one is dropped (memory stays bounded). */
const MAX_CHECKPOINTS = 200;
/** A Step lets idle ticks pass; this bounds a (should-not-happen) endless idle stretch. */
const MAX_IDLE_TICKS = 1_000_000;

interface Checkpoint {
  tick: number;
  run: Run;
  events: number;
}

export class Timeline {
  scenario: Scenario;
  run: Run;
  /** Ticks executed so far: the number of the next tick. */
  tick = 0;
  /** One event per executed step, in order. */
  readonly events: TraceEvent[] = [];
  /** Set when the user moved backwards: the next recorded action starts a new timeline. */
  private rewound = false;
  private checkpoints: Checkpoint[] = [];

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.run = startRun(scenario);
    this.checkpoints = [{ tick: 0, run: cloneRun(this.run), events: 0 }];
  }

  /** Idle ticks, then exactly one executed step. False when the run has stopped. */
  stepOnce(): boolean {
    for (let idle = 0; idle < MAX_IDLE_TICKS; idle++) {
      const before = this.events.length;
      if (!this.advance()) return false;
      if (this.events.length > before) return true;
    }
    return false;
  }

  /** The previous step boundary (the position one Step earlier), then goes there. */
  back(): void {
    this.seek(this.previousBoundary());
  }

  /** Positions the run at tick `target` (or where it stopped, if earlier). */
  seek(target: number): void {
    const goal = Math.max(0, Math.floor(target));
    if (goal === this.tick) return;
    if (goal < this.tick) this.rewound = true;
    if (goal < this.tick || this.nearestCheckpoint(goal).tick > this.tick) {
      const cp = this.nearestCheckpoint(goal);
      this.run = cloneRun(cp.run);
      this.tick = cp.tick;
      this.events.length = cp.events;
    }
    while (this.tick < goal && this.advance()) {
      /* replaying */
    }
  }

  /**
   * Records `action` at the current tick. After a move backwards the recorded future (actions at
   * this tick or later) is dropped first: the user is writing a new timeline. Returns the new
   * scenario; the run is rebuilt from it and stands at the same tick.
   */
  record(action: Action, validate: (s: Scenario) => Scenario): Scenario {
    const at = this.tick;
    let actions = this.scenario.actions;
    if (this.rewound) actions = actions.filter((a) => a.at < at);
    // At most one pick per step: a new pick replaces one already recorded for this tick.
    if (action.type === 'pick') actions = actions.filter((a) => !(a.type === 'pick' && a.at === at));
    const insertAt = actions.findIndex((a) => a.at > at);
    const next = [...actions];
    next.splice(insertAt < 0 ? next.length : insertAt, 0, action);
    const scenario = validate({ ...this.scenario, actions: next });
    this.rewound = false;
    this.reload(scenario, at);
    return scenario;
  }

  /** Replaces the scenario and replays it to tick `at`. */
  reload(scenario: Scenario, at: number): void {
    this.scenario = scenario;
    this.run = startRun(scenario);
    this.tick = 0;
    this.events.length = 0;
    this.checkpoints = [{ tick: 0, run: cloneRun(this.run), events: 0 }];
    this.rewound = false;
    this.seek(at);
    this.rewound = false;
  }

  private advance(): boolean {
    if (!tick(this.run, this.events)) return false;
    this.tick++;
    if (this.tick % CHECKPOINT_EVERY === 0) this.checkpoint();
    return true;
  }

  private checkpoint(): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last.tick >= this.tick) return;
    this.checkpoints.push({ tick: this.tick, run: cloneRun(this.run), events: this.events.length });
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
    }
  }

  private nearestCheckpoint(goal: number): Checkpoint {
    let best = this.checkpoints[0];
    for (const cp of this.checkpoints) if (cp.tick <= goal && cp.tick > best.tick) best = cp;
    return best;
  }

  private previousBoundary(): number {
    // Boundaries are 0 and (executed tick + 1); pick the largest strictly below the current tick.
    for (let i = this.events.length - 1; i >= 0; i--) {
      const boundary = this.events[i].step + 1;
      if (boundary < this.tick) return boundary;
    }
    return 0;
  }
}
