/**
 * The URL codec of scenario.md: the playground's address carries the scenario in its fragment,
 * `#s=<lz-string compressToEncodedURIComponent(JSON)>`, optionally followed by `&at=<step>`.
 *
 * Decoding never throws: a link that is damaged, too large or invalid becomes a message, and the
 * playground opens with its default scenario. Decoding is lenient with what mail does to a link.
 */
import LZString from 'lz-string';
import type { Scenario } from '../engine/scenario';
import { decompressUriSafeBounded } from './lz';
import { unmailLink } from './mailedLink';
import { toMinimalJson } from './minimal';
import { LIMITS } from './limits';
import { parseScenario } from './schema';

/** Largest decoded scenario a link may carry: 64 KiB (scenario.md "The URL"). */
export const MAX_DECODED_BYTES = 64 * 1024;
/** Largest compressed payload we try to decode at all (lz-string never needs more for 64 KiB). */
const MAX_PAYLOAD_CHARS = 200_000;

export type HashDecodeResult =
  /** `note`: what was wrong with the link but did not stop it from opening (a bad `&at=`). */
  | { ok: true; scenario: Scenario; at: number | null; note?: string }
  | { ok: true; scenario: null }
  | { ok: false; message: string };

/** `#s=<payload>` (and `&at=<n>` when `at` is given) for a scenario; defaults are left out of the JSON. */
export function encodeScenarioHash(scenario: Scenario, at?: number): string {
  if (at !== undefined && !isStep(at)) {
    throw new RangeError(`encodeScenarioHash: at must be an integer step 0..${LIMITS.maxStep}, got ${at}`);
  }
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(toMinimalJson(scenario)));
  return at === undefined ? `#s=${payload}` : `#s=${payload}&at=${at}`;
}

function isStep(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= LIMITS.maxStep;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** Splits a fragment into its `key=value` parts; `+` and `$` stay as they are (they are payload). */
function fragmentParams(hash: string): Map<string, string> {
  const params = new Map<string, string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The scenario a payload carries, or why it carries none. */
function decodePayload(payload: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const decoded = decompressUriSafeBounded(payload, MAX_DECODED_BYTES);
  if (!decoded.ok) {
    if (decoded.reason === 'too-long') {
      return fail(`the link's scenario is too large: it decodes to more than 64 KiB (the limit)`);
    }
    return fail(`the link is damaged: ${decoded.message} (was it cut off or edited?)`);
  }
  const json = decoded.text;
  if (json === '') return fail('the link is damaged: the scenario payload decodes to nothing');
  if (utf8Length(json) > MAX_DECODED_BYTES) {
    return fail(`the link's scenario is too large: it decodes to more than 64 KiB (the limit)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail('the link is damaged: its scenario is not valid JSON');
  }
  const parsed = parseScenario(value);
  if (!parsed.ok) return fail(parsed.message);
  return { ok: true, scenario: parsed.scenario };
}

/**
 * Reads `location.hash` (with or without the leading `#`). No `s=` → `{ ok: true, scenario: null }`
 * (the playground opens its default scenario). What a mail adds to a link is undone first
 * (mailedLink.ts); a bad `&at=` opens the scenario at step 0 with a `note` saying so.
 */
export function decodeScenarioHash(hash: string): HashDecodeResult {
  if (typeof hash !== 'string') return fail('the link is damaged: no fragment text');
  // Room for the line breaks and quoting of a wrapped link, not for a second payload.
  if (hash.length > MAX_PAYLOAD_CHARS + MAX_PAYLOAD_CHARS / 10) {
    return fail(`the link is too long (${hash.length} characters; at most ${MAX_PAYLOAD_CHARS} are read)`);
  }
  const params = fragmentParams(unmailLink(hash));
  const payload = params.get('s');
  if (payload === undefined) return { ok: true, scenario: null };
  if (payload.includes('%')) return fail('the link is damaged: bad percent-encoding in the scenario payload');
  if (payload === '') return fail('the link is damaged: the scenario payload is empty');
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return fail(
      `the link's scenario is too large (${payload.length} characters compressed; at most ${MAX_PAYLOAD_CHARS})`,
    );
  }

  // A space is a '+' that went through form decoding, or the indentation of a wrapped line.
  let decoded = decodePayload(payload);
  if (!decoded.ok && payload.includes(' ')) {
    const unspaced = decodePayload(payload.replace(/ /g, ''));
    if (unspaced.ok) decoded = unspaced;
  }
  if (!decoded.ok) return decoded;

  const atText = params.get('at');
  if (atText === undefined) return { ok: true, scenario: decoded.scenario, at: null };
  if (/^[0-9]{1,10}$/.test(atText) && isStep(Number(atText))) {
    return { ok: true, scenario: decoded.scenario, at: Number(atText) };
  }
  return {
    ok: true,
    scenario: decoded.scenario,
    at: 0,
    note: `the link's step "at=${atText.slice(0, 20)}" is not a step number (expected an integer 0..${LIMITS.maxStep}); opened at step 0`,
  };
}

/**
 * Accepts what a user pastes: a whole playground URL (`https://…/#s=…&at=…`), a fragment
 * (`#s=…`) or the bare `s=…` part.
 */
export function scenarioFromUrlOrHash(text: string): HashDecodeResult {
  const link = unmailLink(text);
  const hashAt = link.indexOf('#');
  if (hashAt >= 0) return decodeScenarioHash(link.slice(hashAt));
  if (link.startsWith('s=')) return decodeScenarioHash(link);
  return { ok: true, scenario: null };
}
