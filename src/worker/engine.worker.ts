/// <reference lib="webworker" />
/**
 * The engine worker's shell: time (play / pause / speed), messages and the trace export around
 * the Session (session.ts), and at most one frame per ~16 ms, so a run at full speed never blocks
 * the page. Turns follow each other through a MessageChannel, not zero-delay timers (clamped to
 * 4 ms once chained); the clock is read every CLOCK_EVERY steps, not on every step.
 */
import { Session } from './session';
import type { Envelope, FromWorker, Speed, ToWorker } from './protocol';
import { exportFileName } from '../trace/timelineData';
import { toChromeTrace } from '../trace/chromeTrace';

declare const self: DedicatedWorkerGlobalScope;

const FRAME_MS = 16;
/** At "max" speed each turn runs steps for this long, leaving time to post the frame and read commands. */
const MAX_SLICE_MS = 12;
/** Steps between two looks at the clock at "max" speed. */
const CLOCK_EVERY = 128;
/**
 * Background work (running the known part of the run ahead) goes in chunks of this many ticks,
 * for at most BACKGROUND_MS a turn: a click waits for at most one turn (2 048 ticks of a big machine
 * with its events took tens of ms).
 */
const BACKGROUND_CHUNK = 128;
const BACKGROUND_MS = 4;
/** A finite speed lets at most this many ticks pass per turn (idle stretches count once). */
const MAX_TURN_STEPS = 100_000;

const session = new Session();
let playing = false;
let speed: Speed = 4;
let budget = 0;
let lastPlayTime = 0;
let playTimer: ReturnType<typeof setTimeout> | null = null;
let ack = 0;
let dirty = false;
let lastFlush = 0;
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let playingMs = 0;
let playingSince = 0;
/** Executed-step counts per recent play turn, for the steps/s figure. */
const rateWindow: { time: number; steps: number }[] = [];

function post(message: FromWorker): void {
  self.postMessage(message);
}

function stepsPerSecond(now: number): number {
  while (rateWindow.length > 0 && now - rateWindow[0]!.time > 1000) rateWindow.shift();
  if (!playing || rateWindow.length === 0) return 0;
  const steps = rateWindow.reduce((sum, r) => sum + r.steps, 0);
  const span = Math.max(now - rateWindow[0]!.time, FRAME_MS);
  return Math.round((steps * 1000) / span);
}

function flush(): void {
  flushTimer = null;
  if (!dirty) return;
  dirty = false;
  lastFlush = performance.now();
  const frame = session.frame(ack, {
    playing,
    speed,
    stepsPerSecond: stepsPerSecond(lastFlush),
    playingMs: playingMs + (playing ? lastFlush - playingSince : 0),
  });
  if (frame) post(frame);
  const recording = session.takeRecording();
  if (recording) post({ type: 'recording', ...recording });
  queueTurn();
}

/** Coalesces changes: one frame per FRAME_MS at most, the first one without delay. */
function markDirty(): void {
  dirty = true;
  if (flushTimer !== null) return;
  flushTimer = setTimeout(flush, Math.max(0, FRAME_MS - (performance.now() - lastFlush)));
}

// Turns: play at "max" speed, and background work while nothing plays.
const turns = new MessageChannel();
let turnQueued = false;
function queueTurn(): void {
  if (turnQueued) return;
  turnQueued = true;
  turns.port2.postMessage(null);
}
turns.port1.onmessage = () => {
  turnQueued = false;
  if (playing && speed === 'max') maxTurn();
  else if (!playing && backgroundTurn()) queueTurn();
  else {
    const recording = session.takeRecording();
    if (recording) post({ type: 'recording', ...recording });
  }
};

/** True while there is more background work. */
function backgroundTurn(): boolean {
  const end = performance.now() + BACKGROUND_MS;
  let more = session.background(BACKGROUND_CHUNK);
  while (more && performance.now() < end) more = session.background(BACKGROUND_CHUNK);
  return more;
}

function stopPlaying(): void {
  if (playing) playingMs += performance.now() - playingSince;
  playing = false;
  if (playTimer !== null) clearTimeout(playTimer);
  playTimer = null;
  budget = 0;
  rateWindow.length = 0;
}

function maxTurn(): void {
  const start = performance.now();
  const end = start + MAX_SLICE_MS;
  let steps = 0;
  let stopped = false;
  for (let k = 1; ; k++) {
    if (!session.stepOnce()) {
      stopped = true;
      break;
    }
    steps++;
    if (k % CLOCK_EVERY === 0 && performance.now() >= end) break;
  }
  rateWindow.push({ time: start, steps });
  if (stopped) stopPlaying();
  markDirty();
  // The frame is due: post it now rather than wait for a timer behind the turns.
  if (performance.now() - lastFlush >= FRAME_MS) flush();
  if (playing) queueTurn();
}

function timedTurn(): void {
  playTimer = null;
  if (!playing || speed === 'max') return;
  const now = performance.now();
  const elapsed = Math.min(now - lastPlayTime, 250);
  lastPlayTime = now;
  budget = Math.min(budget + (elapsed / 1000) * speed, Math.max(1, speed));
  let steps = 0;
  let stopped = false;
  while (budget >= 1 && steps < MAX_TURN_STEPS) {
    budget -= 1;
    if (!session.stepOnce()) {
      stopped = true;
      break;
    }
    steps++;
  }
  rateWindow.push({ time: now, steps });
  if (stopped) stopPlaying();
  markDirty();
  if (playing) playTimer = setTimeout(timedTurn, FRAME_MS);
}

function startPlaying(): void {
  if (!session.owner) return;
  stopPlaying();
  playing = true;
  playingSince = lastPlayTime = performance.now();
  if (speed === 'max') queueTurn();
  else playTimer = setTimeout(timedTurn, 0);
}

function handle(seq: number, msg: ToWorker): void {
  switch (msg.type) {
    case 'play':
      startPlaying();
      break;
    case 'pause':
      stopPlaying();
      break;
    case 'speed': {
      const was = playing;
      speed = msg.speed;
      if (was) startPlaying();
      break;
    }
    case 'export-trace': {
      const rec = session.wholeRecording();
      if (rec)
        post({
          type: 'trace',
          json: JSON.stringify(toChromeTrace(rec)),
          fileName: exportFileName(rec.scenario, '.trace.json'),
          ack: seq,
        });
      return;
    }
    case 'crash-for-test':
      if (import.meta.env.MODE !== 'test') throw new Error('crash-for-test exists only in test builds');
      // Thrown outside any handler's try/catch, so it reaches the page as a worker `error` event.
      setTimeout(() => {
        throw new Error('crash-for-test: the engine worker was crashed on purpose');
      }, 0);
      return;
    case 'access':
      // A click while playing is recorded at the current step and the run plays on.
      session.handle(seq, msg);
      break;
    default:
      // Every other command positions or rewrites the run: playing stops first.
      stopPlaying();
      session.handle(seq, msg);
  }
  markDirty();
}

self.onmessage = (event: MessageEvent<Envelope>) => {
  const { seq, command } = event.data;
  try {
    handle(seq, command);
    ack = seq;
  } catch (error) {
    ack = seq;
    stopPlaying();
    markDirty();
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      step: session.owner?.tick ?? 0,
      ack,
    });
  }
};
