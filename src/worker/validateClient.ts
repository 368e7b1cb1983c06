/**
 * The page's reader of scenario texts: small ones on the main thread, large ones in a worker of
 * their own (validate.worker.ts), so that importing or dropping a big file never freezes the page.
 * If the worker cannot start or fails, the text is read on the main thread: an input is never lost.
 */
import { importScenarioText, type ImportResult } from '../share/importText';

export interface ValidateRequest {
  text: string;
  source: string;
}

/** Texts longer than this (about 10 ms of validation) are read in the worker. */
export const OFF_THREAD_CHARS = 256 * 1024;

export function readScenarioText(text: string, source: string): Promise<ImportResult> {
  if (text.length <= OFF_THREAD_CHARS || typeof Worker === 'undefined') {
    return Promise.resolve(importScenarioText(text, source));
  }
  return new Promise((resolve) => {
    let worker: Worker;
    const onThisThread = () => {
      worker?.terminate();
      resolve(importScenarioText(text, source));
    };
    try {
      worker = new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      onThisThread();
      return;
    }
    worker.onmessage = (event: MessageEvent<ImportResult>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = onThisThread;
    worker.onmessageerror = onThisThread;
    worker.postMessage({ text, source } satisfies ValidateRequest);
  });
}
