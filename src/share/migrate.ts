/**
 * Durable links: every scenario carries its format `version`, and a link or file made by an older
 * release is brought up to the current version here, one step at a time, before it is validated.
 *
 *   v1 → v2 → … → SCENARIO_VERSION
 *
 * Version 1 is current, so the chain is empty today. When the format changes:
 *   1. bump SCENARIO_VERSION in format.ts and describe the change in scenario.md;
 *   2. add `MIGRATIONS[old] = (v_old) => v_old_plus_one` below — a pure function on plain JSON
 *      that must accept every valid scenario of version `old` (it may leave invalid ones invalid:
 *      the schema reports them afterwards);
 *   3. keep every literal URL of tests/share/saved-urls.ts opening, and add one made with the new
 *      encoder.
 *
 * A version newer than this release knows is refused with a message that says so plainly; a
 * missing or malformed version is left for the schema to report.
 */
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';

/** A plain JSON object, as JSON.parse gives it. */
export type JsonObject = Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n scenario into a version-(n+1) one (and sets `version`). */
const MIGRATIONS: Readonly<Record<number, (scenario: JsonObject) => JsonObject>> = {};

export type MigrateResult =
  { ok: true; value: unknown; from: number | null } | { ok: false; message: string };

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message for a link or file from a newer release. */
export function newerVersionMessage(version: number, current = SCENARIO_VERSION): string {
  return (
    `version ${version} is not supported: this link was made by a newer release of VE Playground ` +
    `(format version ${version}); this release reads version ${current}`
  );
}

/**
 * Brings an untrusted, JSON-parsed scenario to the current version. Anything that is not a
 * scenario object of a known older version comes back unchanged (`from: null`), for the schema to
 * judge. Never throws. `migrations` and `current` are parameters for the tests of the chain.
 */
export function migrateScenario(
  input: unknown,
  migrations: Readonly<Record<number, (scenario: JsonObject) => JsonObject>> = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): MigrateResult {
  if (!isRecord(input) || input.format !== SCENARIO_FORMAT) return { ok: true, value: input, from: null };
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: true, value: input, from: null };
  if (version > current) return { ok: false, message: newerVersionMessage(version, current) };
  if (version === current || version < 1) return { ok: true, value: input, from: null };
  let value: JsonObject = input;
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) {
      return {
        ok: false,
        message: `version ${version} can no longer be read: no migration from version ${v}`,
      };
    }
    try {
      value = step(value);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `version ${version} could not be migrated to version ${v + 1}: ${why}` };
    }
  }
  return { ok: true, value, from: version };
}
