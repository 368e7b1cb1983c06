/**
 * The main thread's handle on the explore worker (src/worker/explore.worker.ts; messages in
 * protocol.ts). Cancel asks the worker to stop after its current slice and report what it found;
 * only a worker that does not answer in time is terminated.
 */
import type { Scenario, Variant } from '../engine';
import type { Coverage } from './coverage';
import type {
  ExploreBounds,
  ExploreDone,
  ExploreProgress,
  FromExploreWorker,
  ToExploreWorker,
} from './protocol';

export type { ExploreProgress } from './protocol';

export interface ExploreHandlers {
  onProgress(p: ExploreProgress): void;
  onDone(result: Omit<ExploreDone, 'type' | 'id'>): void;
  onError(message: string): void;
  onCoverage?(coverage: Coverage | null): void;
}

/** How long a cancelled search may take to send its partial report before it is terminated. */
const CANCEL_GRACE_MS = 10_000;

export class ExploreClient {
  private worker: Worker | null = null;
  private id = 0;
  private coverageId = 0;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers: ExploreHandlers;
  private readonly factory: () => Worker;
  running = false;

  constructor(handlers: ExploreHandlers, factory?: () => Worker) {
    this.handlers = handlers;
    this.factory =
      factory ??
      (() => new Worker(new URL('../worker/explore.worker.ts', import.meta.url), { type: 'module' }));
  }

  /** Starts a batch; a batch still running is dropped first (its worker is terminated). */
  start(scenario: Scenario, options: ExploreBounds & { variants?: Partial<Variant>[] } = {}): void {
    if (this.running) this.terminate();
    this.running = true;
    this.post({ type: 'start', id: ++this.id, scenario, ...options });
  }

  /** Stops the search: the worker reports its partial result as the batch's final `done`. */
  cancel(): void {
    if (!this.running || !this.worker) return;
    this.post({ type: 'cancel', id: this.id });
    this.cancelTimer ??= setTimeout(() => {
      this.terminate();
      this.handlers.onError('The search did not stop in time; it was ended without its partial result.');
    }, CANCEL_GRACE_MS);
  }

  /** Asks for coverage; only the answer to the latest request is delivered. */
  coverage(scenario: Scenario, at: number): void {
    if (!this.worker) {
      this.handlers.onCoverage?.(null);
      return;
    }
    this.post({ type: 'coverage', id: ++this.coverageId, scenario, at });
  }

  dispose(): void {
    this.terminate();
  }

  /** Ends the worker and everything it held (explorations kept for coverage too). */
  private terminate(): void {
    this.settle();
    this.worker?.terminate();
    this.worker = null;
    this.id++;
  }

  private settle(): void {
    this.running = false;
    if (this.cancelTimer !== null) clearTimeout(this.cancelTimer);
    this.cancelTimer = null;
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
      this.terminate();
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
    if (msg.id !== this.id) return; // a superseded batch
    if (msg.type === 'progress') this.handlers.onProgress(msg);
    else if (msg.type === 'done') {
      if (msg.final) this.settle();
      const { type: _t, id: _i, ...result } = msg;
      void _t;
      void _i;
      this.handlers.onDone(result);
    } else {
      this.settle();
      this.handlers.onError(msg.message);
    }
  }
}
