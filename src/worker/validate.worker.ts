/**
 * Reads a large scenario text off the main thread (JSON.parse and the schema of a 4 MiB file take
 * a few hundred milliseconds): one text in, one ImportResult out.
 */
import { importScenarioText } from '../share/importText';
import type { ValidateRequest } from './validateClient';

self.onmessage = (event: MessageEvent<ValidateRequest>) => {
  const { text, source } = event.data;
  self.postMessage(importScenarioText(text, source));
};
