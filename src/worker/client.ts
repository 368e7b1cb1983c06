/**
 * The main thread's handle on the engine worker. Every command gets a number (`send` returns it)
 * and the worker acknowledges it in its frames; `acked(seq)` resolves then (tests wait on it
 * instead of sleeping). A RunMirror keeps what the worker holds, so that a crashed worker is
 * terminated at once and `restart()` brings a fresh one to the same scenario, clicks, step and
 * rewound state, then re-sends every command the dead one had not acknowledged.
 */
import type { TimelineData } from '../trace/timelineData';
import type { Envelope, FromWorker, Speed, ToWorker, WorkerFrame } from './protocol';
import { RunMirror } from './runMirror';

export interface EngineClientHandlers {
  onFrame(frame: WorkerFrame): void;
  /** The worker died or a command failed; `restart()` brings it back. */
  onError(message: string): void;
  /** The timeline of the whole run (the scenario changed). */
  onRecording?(data: TimelineData): void;
  /** A Chrome trace export is ready. */
  onTrace?(json: string, fileName: string): void;
}

/** The client's view of a worker (a real one, or a fake in tests). */
export interface WorkerPort {
  post(envelope: Envelope): void;
  terminate(): void;
  onmessage: ((message: FromWorker) => void) | null;
  /** The worker died (an uncaught error), or sent a message that could not be read. */
  onerror: ((message: string) => void) | null;
}

/** The engine worker of the built app. */
function spawnEngineWorker(): WorkerPort {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const port: WorkerPort = {
    post: (envelope) => worker.postMessage(envelope),
    terminate: () => worker.terminate(),
    onmessage: null,
    onerror: null,
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => port.onmessage?.(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    port.onerror?.(`The engine worker crashed: ${event.message || 'unknown error'}`);
  };
  worker.onmessageerror = () => port.onerror?.('The engine worker sent a message that could not be read');
  return port;
}

export class EngineClient {
  private worker: WorkerPort | null = null;
  private readonly mirror = new RunMirror();
  private speed: Speed = 4;
  private seq = 0;
  private acknowledged = 0;
  /** The seq of the last `load` posted: a recording made for an earlier one is stale. */
  private loadSeq = 0;
  /** Commands the worker has not acknowledged yet, oldest first: re-sent after a restart. */
  private unconfirmed: Envelope[] = [];
  private waiting: { seq: number; resolve: () => void }[] = [];
  private readonly handlers: EngineClientHandlers;
  private readonly spawnWorker: () => WorkerPort;

  constructor(handlers: EngineClientHandlers, spawnWorker: () => WorkerPort = spawnEngineWorker) {
    this.handlers = handlers;
    this.spawnWorker = spawnWorker;
    this.spawn();
  }

  /** Posts a command; returns its number (see `acked`). */
  send(message: ToWorker): number {
    if (message.type === 'speed') this.speed = message.speed;
    return this.post(message);
  }

  /** Resolves once the worker has handled command `seq` (and sent the frame that shows it). */
  acked(seq: number): Promise<void> {
    if (seq <= this.acknowledged) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ seq, resolve }));
  }

  /** The number of the last command acknowledged. */
  get lastAck(): number {
    return this.acknowledged;
  }

  private post(command: ToWorker): number {
    const envelope: Envelope = { seq: ++this.seq, command };
    if (command.type === 'load') this.loadSeq = envelope.seq;
    // A test crash is never made again; everything else is until the worker acknowledges it.
    if (command.type !== 'crash-for-test') this.unconfirmed.push(envelope);
    this.worker?.post(envelope);
    return envelope.seq;
  }

  private confirm(ack: number): void {
    this.acknowledged = Math.max(this.acknowledged, ack);
    while (this.unconfirmed.length > 0 && this.unconfirmed[0]!.seq <= ack) this.unconfirmed.shift();
    const due = this.waiting.filter((w) => w.seq <= ack);
    this.waiting = this.waiting.filter((w) => w.seq > ack);
    for (const w of due) w.resolve();
  }

  /** A fresh worker exactly where the last one stood, with the commands it never handled. */
  restart(): void {
    this.worker?.terminate();
    const lost = this.unconfirmed;
    this.unconfirmed = [];
    this.spawn();
    this.post({ type: 'speed', speed: this.speed });
    const resume = this.mirror.resume();
    if (resume) this.post(resume);
    for (const envelope of lost) this.post(envelope.command);
    // Waiters for the lost commands now wait for their new numbers.
    const renumbered = new Map(lost.map((e, i) => [e.seq, this.seq - lost.length + 1 + i]));
    for (const w of this.waiting) w.seq = renumbered.get(w.seq) ?? w.seq;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private died(message: string): void {
    // Terminated before anyone hears of it: a half-dead worker must not play on under the banner.
    this.worker?.terminate();
    this.worker = null;
    this.handlers.onError(message);
  }

  private spawn(): void {
    const worker = this.spawnWorker();
    this.mirror.reset();
    worker.onmessage = (msg: FromWorker) => {
      if (worker !== this.worker) return;
      if (msg.type === 'frame') {
        const frame = this.mirror.receive(msg);
        this.speed = msg.speed;
        this.handlers.onFrame(frame);
        this.confirm(msg.ack);
      } else if (msg.type === 'recording') {
        // Recorded in slices, it may arrive after another scenario was loaded: then it is dropped.
        if (msg.load >= this.loadSeq) this.handlers.onRecording?.(msg.data);
      } else if (msg.type === 'trace') {
        this.handlers.onTrace?.(msg.json, msg.fileName);
        this.confirm(msg.ack);
      } else {
        this.confirm(msg.ack);
        this.handlers.onError(`The engine refused a command: ${msg.message}`);
      }
    };
    worker.onerror = (message: string) => {
      if (worker === this.worker) this.died(message);
    };
    this.worker = worker;
  }
}
