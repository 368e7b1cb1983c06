/**
 * The run as a timeline the user moves along: forward by executing ticks, backward by replaying
 * the scenario from the nearest checkpoint (the engine is deterministic, so a replay *is* the
 * earlier state). Clicks and picks become actions of the scenario at the current tick.
 */
import type { Action, Run, Scenario, TraceEvent } from '../engine';
import { History } from '../timetravel/history';

/** A checkpoint every this many ticks keeps Back and seeks cheap on long runs. */
const CHECKPOINT_EVERY = 256;
/** Beyond this many checkpoints every other one is dropped and the spacing doubles (memory stays bounded). */
const MAX_CHECKPOINTS = 200;
/** A Step lets idle ticks pass; this bounds a (should-not-happen) endless idle stretch. */
const MAX_IDLE_TICKS = 1_000_000;

export class Timeline {
  scenario: Scenario;
  /** The run's checkpoints and its known events (src/timetravel/history.ts). */
  history: History;
  /** Set when the user moved backwards: the next recorded action starts a new timeline. */
  private rewound = false;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    this.history = new History(scenario, { every: CHECKPOINT_EVERY, maxCheckpoints: MAX_CHECKPOINTS });
  }

  get run(): Run {
    return this.history.run;
  }

  /** Ticks executed so far: the number of the next tick. */
  get tick(): number {
    return this.history.tick;
  }

  /** One event per executed step before the current position, in order (a copy: O(run length)). */
  get events(): TraceEvent[] {
    return this.history.pastEvents();
  }

  /** The last `n` events before the current position, oldest first. */
  eventTail(n: number): TraceEvent[] {
    return this.history.eventTail(n);
  }

  /** Idle ticks, then exactly one executed step. False when the run has stopped. */
  stepOnce(): boolean {
    return this.history.stepOnce(MAX_IDLE_TICKS);
  }

  /** The previous step boundary (the position one Step earlier), then goes there. */
  back(): void {
    this.seek(this.history.previousBoundary());
  }

  /** Positions the run at tick `target` (or where it stopped, if earlier). */
  seek(target: number): void {
    const goal = Math.max(0, Math.floor(target));
    if (goal === this.tick) return;
    if (goal < this.tick) this.rewound = true;
    this.history.seek(goal);
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
    this.history = new History(scenario, { every: CHECKPOINT_EVERY, maxCheckpoints: MAX_CHECKPOINTS });
    this.rewound = false;
    this.seek(at); // forward from tick 0: not a rewind
  }
}
