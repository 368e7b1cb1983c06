/**
 * Structure-aware fuzzing of links and files: real presets with values at random paths replaced
 * by hostile ones (wrong types, huge numbers, script text, big arrays), encoded as links, decoded.
 * Decoding never throws; a refusal names what is wrong; an acceptance is a valid scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { embedCommandSchema } from '../../src/embed/messages';
import { decodeScenarioHash, parseScenario } from '../../src/share';
import { importScenarioText } from '../../src/share/importText';
import { paths, setAt } from './jsonPaths';

const DIR = join(import.meta.dirname, '../../public/scenarios');
const SEEDS: unknown[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as unknown);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    -1,
    0.5,
    1e308,
    -1e308,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    '',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '__proto__',
    '0x',
    '0xFFFFFFFFFFFFFFFFFFFF',
    [],
    {},
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc
    .nat({ max: 400 })
    .map((n) => Array.from({ length: n }, () => ({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }))),
);

function checkDecoded(hash: string): void {
  const r = decodeScenarioHash(hash);
  if (r.ok) {
    if (r.scenario !== null) expect(parseScenario(r.scenario).ok).toBe(true);
  } else {
    expect(r.message).toMatch(/\S/);
    expect(r.message.length).toBeLessThan(2000);
  }
}

describe('fuzz: hostile values inside real scenarios', () => {
  it('as links (2500 runs)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat({ max: 2e9 })),
        (seed, edits, at) => {
          let value: unknown = SEEDS[seed];
          for (const [pick, replacement] of edits) {
            const all = paths(value);
            value = setAt(value, all[pick % all.length], replacement);
          }
          const payload = LZString.compressToEncodedURIComponent(JSON.stringify(value as Json) ?? 'null');
          checkDecoded(`#s=${payload}${at === null ? '' : `&at=${at}`}`);
          const file = importScenarioText(JSON.stringify(value as Json) ?? 'null');
          expect(typeof file.ok).toBe('boolean');
          expect(Object.prototype).not.toHaveProperty('polluted');
        },
      ),
      { numRuns: 2500 },
    );
  });

  it('the presets themselves decode as links', () => {
    for (const seed of SEEDS)
      checkDecoded(`#s=${LZString.compressToEncodedURIComponent(JSON.stringify(seed))}`);
  });
});

describe('fuzz: embed commands', () => {
  it('only well-formed commands pass the schema (2000 runs)', () => {
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(
            've-playground:load',
            've-playground:seek',
            've-playground:play',
            've-playground:x',
            'other',
          ),
          step: fc.oneof(fc.integer(), fc.double(), fc.string()),
          url: fc.oneof(fc.string(), fc.integer()),
          at: fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.string()),
        }),
        (msg) => {
          const parsed = embedCommandSchema.safeParse(msg);
          if (parsed.success && parsed.data.type === 've-playground:seek') {
            expect(Number.isInteger(parsed.data.step) && parsed.data.step >= 0).toBe(true);
          }
          if (msg.type === 'other' || msg.type === 've-playground:x') expect(parsed.success).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
