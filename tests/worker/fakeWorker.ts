/**
 * An engine worker for Node tests: the real Session behind a WorkerPort, messages copied with
 * structuredClone as postMessage does, handled only when the test pumps them, and a crash that
 * loses whatever was not handled yet.
 */
import type { WorkerPort } from '../../src/worker/client';
import type { Envelope, FromWorker } from '../../src/worker/protocol';
import { Session } from '../../src/worker/session';

export class FakeWorker implements WorkerPort {
  onmessage: ((message: FromWorker) => void) | null = null;
  onerror: ((message: string) => void) | null = null;
  terminated = false;
  private readonly inbox: Envelope[] = [];
  private readonly session = new Session();

  post(envelope: Envelope): void {
    if (!this.terminated) this.inbox.push(structuredClone(envelope));
  }

  terminate(): void {
    this.terminated = true;
    this.inbox.length = 0;
  }

  /** Handles up to `n` queued commands, each followed by its frame, as the worker's shell does. */
  pump(n = Infinity): void {
    for (; n > 0 && this.inbox.length > 0 && !this.terminated; n--) {
      const { seq, command } = this.inbox.shift()!;
      try {
        this.session.handle(seq, command);
      } catch (error) {
        this.send({ type: 'failed', message: String(error), step: this.session.owner?.tick ?? 0, ack: seq });
      }
      const frame = this.session.frame(seq, { playing: false, speed: 4, stepsPerSecond: 0, playingMs: 0 });
      if (frame) this.send(frame);
    }
  }

  /** Dies from an uncaught error: the page hears of it, the commands still queued are lost. */
  crash(): void {
    this.inbox.length = 0;
    this.onerror?.('The engine worker crashed: injected fault');
  }

  private send(message: FromWorker): void {
    this.onmessage?.(structuredClone(message));
  }
}
