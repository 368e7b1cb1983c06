/**
 * The main thread's handle on the engine worker. It remembers the last good position (scenario
 * and step) so that a crashed worker can be restarted where the user was, with nothing lost.
 */
import type { Scenario } from '../engine';
import type { TimelineData } from '../trace/timelineData';
import type { Envelope, FromWorker, Speed, ToWorker, WorkerFrame } from './protocol';

export interface EngineClientHandlers {
  onFrame(frame: WorkerFrame): void;
  /** The worker died or a command failed; `restart()` brings it back. */
  onError(message: string): void;
  /** The timeline of the whole run (the scenario changed). */
  onRecording?(data: TimelineData): void;
  /** A Chrome trace export is ready. */
  onTrace?(json: string, fileName: string): void;
}

export class EngineClient {
  private worker: Worker | null = null;
  private scenario: Scenario | null = null;
  private step = 0;
  private speed: Speed = 4;
  private seq = 0;
  /** The seq of the last `load` posted: a recording made for an earlier one is stale. */
  private loadSeq = 0;
  /** Clicks and picks the worker has not acknowledged yet: re-sent after a restart. */
  private unconfirmed: ToWorker[] = [];
  private unconfirmedSeqs: number[] = [];
  private readonly handlers: EngineClientHandlers;

  constructor(handlers: EngineClientHandlers) {
    this.handlers = handlers;
    this.spawn();
  }

  send(message: ToWorker): void {
    if (message.type === 'load') {
      this.scenario = message.scenario;
      this.step = message.at ?? 0;
      this.unconfirmed = [];
      this.unconfirmedSeqs = [];
    }
    if (message.type === 'speed') this.speed = message.speed;
    this.post(message);
  }

  private post(command: ToWorker, worker = this.worker): void {
    const seq = ++this.seq;
    if (command.type === 'load') this.loadSeq = seq;
    if (command.type === 'access' || command.type === 'pick') {
      this.unconfirmed.push(command);
      this.unconfirmedSeqs.push(seq);
    }
    worker?.postMessage({ seq, command } satisfies Envelope);
  }

  private confirm(ack: number): void {
    while (this.unconfirmedSeqs.length > 0 && this.unconfirmedSeqs[0] <= ack) {
      this.unconfirmedSeqs.shift();
      this.unconfirmed.shift();
    }
  }

  /** A fresh worker at the last good step of the same scenario. */
  restart(): void {
    this.worker?.terminate();
    const worker = this.spawn();
    const lost = this.unconfirmed;
    this.unconfirmed = [];
    this.unconfirmedSeqs = [];
    this.post({ type: 'speed', speed: this.speed }, worker);
    if (this.scenario) this.post({ type: 'load', scenario: this.scenario, at: this.step }, worker);
    // Clicks the dead worker never confirmed are made again, so nothing the user did is lost.
    for (const command of lost) this.post(command, worker);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'frame' || msg.type === 'failed') this.confirm(msg.ack);
      if (msg.type === 'frame') {
        if (msg.scenario) this.scenario = msg.scenario;
        this.step = msg.snapshot.step;
        this.speed = msg.speed;
        this.handlers.onFrame(msg);
      } else if (msg.type === 'recording') {
        // Recorded in slices, it may arrive after another scenario was loaded: then it is dropped.
        if (msg.load >= this.loadSeq) this.handlers.onRecording?.(msg.data);
      } else if (msg.type === 'trace') {
        this.handlers.onTrace?.(msg.json, msg.fileName);
      } else {
        this.handlers.onError(`The engine refused a command: ${msg.message}`);
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.handlers.onError(`The engine worker crashed: ${event.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => {
      this.handlers.onError('The engine worker sent a message that could not be read');
    };
    this.worker = worker;
    return worker;
  }
}
