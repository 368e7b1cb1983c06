/// <reference lib="webworker" />
/**
 * The engine worker: holds the Run, owns time (play / pause / speed) and sends the UI at most one
 * frame per ~16 ms, so a run at full speed never blocks the page.
 */
import { takeSnapshot, type Action, type PickAction, type Scenario } from '../engine';
import { parseScenario } from '../share/schema';
import { EVENT_TAIL, type Envelope, type FromWorker, type Speed, type ToWorker } from './protocol';
import { Timeline } from './timeline';
import type { Recorder, Recording } from '../trace/recording';
import { exportFileName, startTimelineRecording, timelineData } from '../trace/timelineData';
import { toChromeTrace } from '../trace/chromeTrace';

declare const self: DedicatedWorkerGlobalScope;

const FRAME_MS = 16;
/** At "max" speed each timer turn runs steps for this long, leaving time to post the frame. */
const MAX_SLICE_MS = 12;
/**
 * The timeline's recording of a long run is made in slices between the other work, so that the
 * first frames, steps and play never wait for it: this long while the run plays, longer when idle.
 */
const RECORD_SLICE_PLAYING_MS = 3;
const RECORD_SLICE_IDLE_MS = 20;
/** The history runs ahead to the recorded end in chunks of this many ticks (one clone each). */
const EXTEND_CHUNK = 4096;

let timeline: Timeline | null = null;
let playing = false;
let speed: Speed = 4;
let budget = 0;
let lastPlayTime = 0;
let playTimer: ReturnType<typeof setTimeout> | null = null;

let dirty = false;
let scenarioChanged = false;
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let lastFlush = 0;

let executedTotal = 0;
/** The last command handled (acknowledged in every frame). */
let ack = 0;
/** Wall time spent playing, so the benchmark can divide steps by the time they had. */
let playingMs = 0;
let playingSince = 0;
/** Executed-step counts per recent play turn, for the steps/s figure. */
const rateWindow: { time: number; steps: number }[] = [];

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** parseScenario is the one gate every scenario passes, also the ones the worker builds. */
function validated(scenario: Scenario): Scenario {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

function stepsPerSecond(now: number): number {
  while (rateWindow.length > 0 && now - rateWindow[0].time > 1000) rateWindow.shift();
  if (!playing || rateWindow.length === 0) return 0;
  const steps = rateWindow.reduce((sum, r) => sum + r.steps, 0);
  const span = Math.max(now - rateWindow[0].time, FRAME_MS);
  return Math.round((steps * 1000) / span);
}

function flush(): void {
  flushTimer = null;
  if (!timeline || !dirty) return;
  dirty = false;
  lastFlush = performance.now();
  post({
    type: 'frame',
    ack,
    snapshot: takeSnapshot(timeline.run),
    scenario: scenarioChanged ? timeline.scenario : undefined,
    playing,
    speed,
    events: timeline.eventTail(EVENT_TAIL),
    stepsPerSecond: stepsPerSecond(lastFlush),
    executedTotal,
    playingMs: playingMs + (playing ? lastFlush - playingSince : 0),
  });
  scenarioChanged = false;
  ensureRecording();
}

/** The recorded run of the current scenario (for the timeline and the trace export). */
let recordingFor: Scenario | null = null;
let recorder: Recorder | null = null;
let lastRecording: Recording | null = null;
let backgroundTimer: ReturnType<typeof setTimeout> | null = null;
/** The seq of the last `load` handled, and of the one the recording in progress belongs to. */
let loadSeq = 0;
let recordingLoad = 0;

/** Starts recording the current scenario (once per scenario); the slices run in background(). */
function ensureRecording(): void {
  if (!timeline || recordingFor === timeline.scenario) return;
  recordingFor = timeline.scenario;
  recorder = startTimelineRecording(timeline.scenario);
  recordingLoad = loadSeq;
  lastRecording = null;
  scheduleBackground();
}

/** Sends the finished recording to the timeline. */
function recorded(rec: Recording): Recording {
  recorder = null;
  lastRecording = rec;
  post({ type: 'recording', data: timelineData(rec), load: recordingLoad });
  return rec;
}

/** The whole recording now (the trace export): what is left is recorded at once. */
function publishRecording(): Recording | null {
  ensureRecording();
  if (recorder) return recorded(recorder.finish());
  return lastRecording;
}

/** The history still has to run ahead to the recorded end (so later jumps anywhere are cheap). */
function extendPending(): boolean {
  if (!timeline || !lastRecording || recordingFor !== timeline.scenario) return false;
  const h = timeline.history;
  return h.end === null && h.frontier < lastRecording.steps;
}

function scheduleBackground(): void {
  if (backgroundTimer !== null || (!recorder && !extendPending())) return;
  backgroundTimer = setTimeout(background, 0);
}

/** One slice of the recording, then of the history running ahead; between play turns and commands. */
function background(): void {
  backgroundTimer = null;
  const deadline = performance.now() + (playing ? RECORD_SLICE_PLAYING_MS : RECORD_SLICE_IDLE_MS);
  if (recorder && recorder.advance(deadline)) recorded(recorder.finish());
  while (!recorder && extendPending() && performance.now() < deadline) {
    const h = timeline!.history;
    h.extendTo(Math.min(lastRecording!.steps, h.frontier + EXTEND_CHUNK));
  }
  scheduleBackground();
}

/** Coalesces changes: one frame per FRAME_MS at most, the first one without delay. */
function markDirty(): void {
  dirty = true;
  if (flushTimer !== null) return;
  const wait = Math.max(0, FRAME_MS - (performance.now() - lastFlush));
  flushTimer = setTimeout(flush, wait);
}

function stepOnce(): boolean {
  if (!timeline) return false;
  const ok = timeline.stepOnce();
  if (ok) executedTotal++;
  return ok;
}

function playTurn(): void {
  playTimer = null;
  if (!playing || !timeline) return;
  const now = performance.now();
  const elapsed = Math.min(now - lastPlayTime, 250);
  lastPlayTime = now;
  let steps = 0;
  let stopped = false;
  if (speed === 'max') {
    const end = now + MAX_SLICE_MS;
    do {
      if (!stepOnce()) {
        stopped = true;
        break;
      }
      steps++;
    } while (performance.now() < end);
  } else {
    budget = Math.min(budget + (elapsed / 1000) * speed, Math.max(1, speed));
    while (budget >= 1) {
      budget -= 1;
      if (!stepOnce()) {
        stopped = true;
        break;
      }
      steps++;
    }
  }
  rateWindow.push({ time: now, steps });
  if (stopped) {
    playing = false;
    playingMs += performance.now() - playingSince;
  }
  markDirty();
  if (playing) playTimer = setTimeout(playTurn, speed === 'max' ? 0 : FRAME_MS);
}

function setPlaying(on: boolean): void {
  const now = performance.now();
  if (playing && !on) playingMs += now - playingSince;
  if (!playing && on) playingSince = now;
  playing = on;
  if (playTimer !== null) clearTimeout(playTimer);
  playTimer = null;
  budget = 0;
  rateWindow.length = 0;
  if (on) {
    lastPlayTime = performance.now();
    playTimer = setTimeout(playTurn, 0);
  }
  markDirty();
}

function requireTimeline(): Timeline {
  if (!timeline) throw new Error('no scenario loaded yet');
  return timeline;
}

function record(action: Action): void {
  requireTimeline().record(action, validated);
  scenarioChanged = true;
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'load':
      setPlaying(false);
      timeline = new Timeline(validated(msg.scenario));
      timeline.seek(msg.at ?? 0);
      scenarioChanged = true;
      break;
    case 'step':
      setPlaying(false);
      stepOnce();
      break;
    case 'back':
      setPlaying(false);
      requireTimeline().back();
      break;
    case 'reset':
      setPlaying(false);
      requireTimeline().seek(0);
      break;
    case 'play':
      setPlaying(true);
      break;
    case 'pause':
      setPlaying(false);
      break;
    case 'speed':
      speed = msg.speed;
      budget = 0;
      break;
    case 'seek':
      setPlaying(false);
      requireTimeline().seek(msg.step);
      break;
    case 'access': {
      const tl = requireTimeline();
      record({ at: tl.tick, type: 'access', vcpu: msg.vcpu, gpa: msg.gpa });
      break;
    }
    case 'pick': {
      setPlaying(false);
      const tl = requireTimeline();
      const action: PickAction = { at: tl.tick, type: 'pick', actor: msg.actor };
      if (msg.pageIn !== undefined) action.pageIn = msg.pageIn;
      record(action);
      stepOnce();
      break;
    }
    case 'export-trace': {
      const rec = publishRecording();
      if (rec)
        post({
          type: 'trace',
          json: JSON.stringify(toChromeTrace(rec)),
          fileName: exportFileName(rec.scenario, '.trace.json'),
        });
      return;
    }
    case 'crash-for-test':
      // Thrown outside any handler's try/catch, so it reaches the page as a worker `error` event.
      setTimeout(() => {
        throw new Error('crash-for-test: the engine worker was crashed on purpose');
      }, 0);
      return;
  }
  markDirty();
}

self.onmessage = (event: MessageEvent<Envelope>) => {
  const { seq, command } = event.data;
  if (command.type === 'load') loadSeq = seq;
  try {
    handle(command);
    ack = seq;
  } catch (error) {
    ack = seq;
    setPlaying(false);
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      step: timeline?.tick ?? 0,
      ack,
    });
  }
};
