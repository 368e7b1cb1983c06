/** The address bar's side of a scenario: `#s=…&at=…` in, share URL fragment out (scenario.md "The URL"). */
import type { Scenario } from '../engine';
import { decodeScenarioHash, encodeScenarioHash } from '../share/url';

export type HashScenario = { ok: true; scenario: Scenario; at: number } | { ok: false; message: string };

/** null when the hash carries no scenario (open the default one). */
export function readHashScenario(hash: string): HashScenario | null {
  const decoded = decodeScenarioHash(hash);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  if (decoded.scenario === null) return null;
  return { ok: true, scenario: decoded.scenario, at: decoded.at ?? 0 };
}

export function shareHash(scenario: Scenario, step: number): string {
  return encodeScenarioHash(scenario, step);
}
