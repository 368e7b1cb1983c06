/** The address bar's side of a scenario: `#s=…&at=…` in (scenario.md "The URL"). */
import type { Scenario } from '../engine';
import { decodeScenarioHash } from '../share/url';

export type HashScenario =
  { ok: true; scenario: Scenario; at: number; note: string | null } | { ok: false; message: string };

/** null when the hash carries no scenario. */
export function readHashScenario(hash: string): HashScenario | null {
  const decoded = decodeScenarioHash(hash);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  if (decoded.scenario === null) return null;
  // The lenient decoder may add a note (e.g. a bad `&at=` ignored); older decoders have none.
  const note = 'note' in decoded && typeof decoded.note === 'string' ? decoded.note : null;
  return { ok: true, scenario: decoded.scenario, at: decoded.at ?? 0, note };
}
