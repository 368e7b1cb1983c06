/** Whether a scenario fits in a link: its minimal JSON within the decoded limit of scenario.md. */
import type { Scenario } from '../engine';
import { MAX_DECODED_BYTES, toMinimalJson } from '../share';

/** Bytes of the JSON a link would carry for `scenario` (UTF-8). */
function linkBytes(scenario: Scenario): number {
  return new TextEncoder().encode(JSON.stringify(toMinimalJson(scenario))).length;
}

export function fitsInLink(scenario: Scenario): boolean {
  return linkBytes(scenario) <= MAX_DECODED_BYTES;
}

/** Share's refusal for a run a link cannot carry, or null when it fits. */
export function tooLargeForLink(scenario: Scenario): string | null {
  const bytes = linkBytes(scenario);
  if (bytes <= MAX_DECODED_BYTES) return null;
  const kib = Math.ceil(bytes / 1024);
  return `This run is too large for a link (${kib} KiB; a link carries at most ${MAX_DECODED_BYTES / 1024} KiB). Export it as a file instead.`;
}
