/**
 * What the engine worker does with each command, without its timers and messaging (so that tests
 * run it in Node): one RunOwner per loaded scenario, the frame to send (snapshot changes, the
 * scenario edits since the last frame) and the timeline recording once it is complete.
 */
import { takeSnapshot, type Scenario } from '../engine';
import { TIMELINE_MAX_STEPS, timelineData, type TimelineData } from '../trace/timelineData';
import type { Recording } from '../trace/recording';
import { undoClick, type ClickRecord } from './clicks';
import { EVENT_TAIL, SEEK_MAX_WORK, type SeekCap, type ToWorker, type WireFrame } from './protocol';
import { RunOwner } from './runOwner';
import { SnapshotEncoder } from './snapshotChanges';

/**
 * Checkpoints: every CHECKPOINT_EVERY ticks at first; past the limit every other one goes and the
 * spacing doubles. A seek or Back replays up to one spacing, so the limit is as many as fit in
 * CHECKPOINT_BYTES (at least MIN, at most MAX): a small machine keeps its first 256-tick spacing
 * over the whole 200 000-step timeline, the 16 × 64 machine gets 512 instead of 1 024.
 */
const CHECKPOINT_EVERY = 256;
const CHECKPOINT_BYTES = 48 * 1024 * 1024;
const MIN_CHECKPOINTS = 200;
const MAX_CHECKPOINTS = 2048;

/**
 * A checkpoint's heap bytes, from the machine's shape (measured: 3.9 KB for the default
 * playground, 91 KB for 16 vCPUs × 64 entries × 6 tasks; this errs on the high side).
 */
export function checkpointBytes(scenario: Scenario): number {
  const { vcpus, entries, pages } = scenario.config;
  let bytes = 1024 + pages.length * 64;
  for (const v of vcpus) bytes += 512 + entries * 88 + v.tasks.length * 160;
  return bytes;
}

export function checkpointLimit(scenario: Scenario): number {
  const fit = Math.floor(CHECKPOINT_BYTES / checkpointBytes(scenario));
  return Math.max(MIN_CHECKPOINTS, Math.min(MAX_CHECKPOINTS, fit));
}

/** Clicks from a restart must be the ones that made `scenario`; otherwise undo starts afresh. */
function consistentClicks(scenario: Scenario, clicks: ClickRecord[]): ClickRecord[] {
  let actions = scenario.actions;
  for (let i = clicks.length - 1; i >= 0; i--) {
    const before = undoClick(actions, clicks[i]!);
    if (!before) return [];
    actions = before;
  }
  return clicks;
}

export class Session {
  owner: RunOwner | null = null;
  /** Ticks executed with a step, for the benchmark. */
  executedTotal = 0;
  /** The seq of the load the current owner comes from (recordings are tagged with it). */
  private loadSeq = 0;
  private replaced = false;
  private recorded: ClickRecord[] = [];
  private capped: SeekCap | undefined;
  private recordingSent = false;
  private readonly encoder = new SnapshotEncoder();

  /** `seekMaxWork`: how far a seek may run beyond what is known (ticks of work; tests lower it). */
  constructor(private readonly seekMaxWork = SEEK_MAX_WORK) {}

  private fresh(scenario: Scenario): RunOwner {
    this.encoder.reset();
    this.replaced = true;
    this.recorded = [];
    this.recordingSent = false;
    this.owner = new RunOwner(scenario, {
      every: CHECKPOINT_EVERY,
      maxCheckpoints: checkpointLimit(scenario),
      recordUntil: TIMELINE_MAX_STEPS,
    });
    return this.owner;
  }

  private require(): RunOwner {
    if (!this.owner) throw new Error('no scenario loaded yet');
    return this.owner;
  }

  private seek(owner: RunOwner, target: number, maxWork = this.seekMaxWork): void {
    const reached = owner.seek(target, maxWork);
    const end = owner.end;
    this.capped =
      reached < target && (end === null || reached < end) ? { asked: target, reached } : undefined;
  }

  /** Idle ticks, then one step; false when the run has stopped. */
  stepOnce(): boolean {
    const ok = this.owner?.stepOnce() ?? false;
    if (ok) this.executedTotal++;
    return ok;
  }

  /** Handles one command (throws when it is refused; the run is then unchanged). */
  handle(seq: number, msg: ToWorker): void {
    switch (msg.type) {
      case 'load': {
        // The page validated it (links, files, edits, embeds and saved runs all pass parseScenario
        // there): no second pass here, which would put zod in the worker every first visit loads.
        const owner = this.fresh(msg.scenario);
        this.loadSeq = seq;
        if (msg.resume) {
          owner.clicks = consistentClicks(owner.scenario, msg.resume.clicks);
          this.seek(owner, msg.at ?? 0, Infinity);
          owner.rewound = msg.resume.rewound;
        } else this.seek(owner, msg.at ?? 0);
        return;
      }
      case 'step':
        this.capped = undefined;
        this.stepOnce();
        return;
      case 'back':
        this.capped = undefined;
        this.require().back();
        return;
      case 'reset':
        this.capped = undefined;
        this.require().seek(0);
        return;
      case 'seek':
        this.seek(this.require(), msg.step);
        return;
      case 'access':
        this.click({ at: 0, type: 'access', vcpu: msg.vcpu, gpa: msg.gpa });
        return;
      case 'pick':
        this.click(
          msg.pageIn === undefined
            ? { at: 0, type: 'pick', actor: msg.actor }
            : { at: 0, type: 'pick', actor: msg.actor, pageIn: msg.pageIn },
        );
        this.stepOnce();
        return;
      case 'undo-click':
        if (this.require().undoClick()) this.replacedScenario();
        return;
      case 'clear-clicks': {
        const owner = this.require();
        if (owner.clicks.length === 0) return;
        const loaded = owner.loadedScenario();
        if (loaded) this.fresh(loaded);
        else owner.clicks = [];
        this.replaced = true;
        return;
      }
      case 'play':
      case 'pause':
      case 'speed':
      case 'export-trace':
      case 'crash-for-test':
        return; // the worker's shell: time, files and faults
    }
  }

  private click(action: Parameters<RunOwner['record']>[0]): void {
    this.capped = undefined;
    this.recorded.push(this.require().record(action));
    this.recordingSent = false;
  }

  /** The scenario was replaced in place (undo): the next frame carries it whole. */
  private replacedScenario(): void {
    this.replaced = true;
    this.recorded = [];
    this.recordingSent = false;
  }

  /** The frame for the client, with what changed since the previous one. */
  frame(
    ack: number,
    live: Pick<WireFrame, 'playing' | 'speed' | 'stepsPerSecond' | 'playingMs'>,
  ): WireFrame | null {
    const owner = this.owner;
    if (!owner) return null;
    const frame: WireFrame = {
      type: 'frame',
      ack,
      changes: this.encoder.encode(takeSnapshot(owner.run)),
      ...live,
      events: owner.eventTail(EVENT_TAIL),
      executedTotal: this.executedTotal,
      undoableClicks: owner.clicks.length,
      rewound: owner.rewound,
    };
    if (this.capped) frame.capped = this.capped;
    if (this.replaced) {
      frame.scenario = owner.scenario;
      frame.clicks = owner.clicks.slice();
    } else if (this.recorded.length > 0) frame.recorded = this.recorded;
    this.replaced = false;
    this.recorded = [];
    return frame;
  }

  /** Runs the known part of the run ahead (for the timeline and cheap jumps); true while there is more. */
  background(maxWork: number): boolean {
    const owner = this.owner;
    if (!owner) return false;
    return !owner.extendTo(owner.recordingLimit, maxWork);
  }

  /** The timeline's recording, once complete and not sent yet for this scenario. */
  takeRecording(): { data: TimelineData; load: number } | null {
    if (this.recordingSent || !this.owner) return null;
    const rec = this.owner.recording();
    if (!rec) return null;
    this.recordingSent = true;
    return { data: timelineData(rec), load: this.loadSeq };
  }

  /** The whole recording now (the trace export): the rest of it is run at once. */
  wholeRecording(): Recording | null {
    const owner = this.owner;
    if (!owner) return null;
    owner.extendTo(owner.recordingLimit);
    return owner.recording();
  }
}
