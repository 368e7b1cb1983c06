/**
 * The main thread's handle on the explore worker (explore.worker.ts). Messages are typed here and
 * imported (as types) by the worker. Cancel terminates the worker; the next start spawns a fresh
 * one, so a cancelled search costs nothing afterwards.
 */
import type { Scenario, Variant } from '../engine';
import type { ExploreReport } from './explore';
import type { Coverage } from './coverage';

export type ToExploreWorker =
  /**
   * Explore `scenario`'s machine once per entry of `variants` (each replaces the scenario's
   * variant; default: one run with the scenario's own variant), one after the other.
   */
  | { type: 'start'; id: number; scenario: Scenario; maxStates?: number; variants?: Partial<Variant>[] }
  /** How much of the last batch's exploration of this machine a run of `scenario` to tick `at` covers. */
  | { type: 'coverage'; id: number; scenario: Scenario; at: number };

export interface ExploreProgress {
  type: 'progress';
  id: number;
  /** Which run of the batch (0-based) and how many runs there are. */
  run: number;
  runs: number;
  states: number;
  transitions: number;
  depth: number;
  frontier: number;
  statesPerSecond: number;
}

export type FromExploreWorker =
  | ExploreProgress
  /** One run of the batch is over; the batch is over when `run === runs - 1`. */
  | { type: 'done'; id: number; run: number; runs: number; variant: Variant; report: ExploreReport }
  | { type: 'error'; id: number; message: string }
  | { type: 'coverage'; id: number; coverage: Coverage | null };

export interface ExploreHandlers {
  onProgress(p: ExploreProgress): void;
  onDone(result: { run: number; runs: number; variant: Variant; report: ExploreReport }): void;
  onError(message: string): void;
  onCoverage?(coverage: Coverage | null): void;
}

export class ExploreClient {
  private worker: Worker | null = null;
  private id = 0;
  private coverageId = 0;
  private readonly handlers: ExploreHandlers;
  private readonly factory: () => Worker;

  constructor(handlers: ExploreHandlers, factory?: () => Worker) {
    this.handlers = handlers;
    this.factory =
      factory ?? (() => new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' }));
  }

  /** Starts a batch; a batch still running is cancelled first. */
  start(scenario: Scenario, options: { maxStates?: number; variants?: Partial<Variant>[] } = {}): void {
    if (this.running) this.cancel();
    this.running = true;
    this.post({ type: 'start', id: ++this.id, scenario, ...options });
  }

  /** Stops the search at once: the worker is terminated (its explorations are gone with it). */
  cancel(): void {
    this.running = false;
    this.worker?.terminate();
    this.worker = null;
    this.id++;
  }

  /** Asks for coverage; only the answer to the latest request is delivered. */
  coverage(scenario: Scenario, at: number): void {
    if (!this.worker) {
      this.handlers.onCoverage?.(null);
      return;
    }
    this.post({ type: 'coverage', id: ++this.coverageId, scenario, at });
  }

  running = false;

  dispose(): void {
    this.cancel();
  }

  private post(message: ToExploreWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.factory();
    worker.onmessage = (event: MessageEvent<FromExploreWorker>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.running = false;
      this.worker?.terminate();
      this.worker = null;
      this.handlers.onError(`The explore worker crashed: ${event.message || 'unknown error'}`);
    };
    this.worker = worker;
    return worker;
  }

  private receive(msg: FromExploreWorker): void {
    if (msg.type === 'coverage') {
      if (msg.id === this.coverageId) this.handlers.onCoverage?.(msg.coverage);
      return;
    }
    if (msg.id !== this.id) return; // a cancelled or superseded batch
    if (msg.type === 'progress') this.handlers.onProgress(msg);
    else if (msg.type === 'done') {
      if (msg.run === msg.runs - 1) this.running = false;
      this.handlers.onDone(msg);
    } else {
      this.running = false;
      this.handlers.onError(msg.message);
    }
  }
}
