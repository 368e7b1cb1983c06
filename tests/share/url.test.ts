import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/scenario';
import {
  MAX_DECODED_BYTES,
  decodeScenarioHash,
  decompressUriSafeBounded,
  encodeScenarioHash,
  parseScenario,
  scenarioFromUrlOrHash,
} from '../../src/share';
import type { HashDecodeResult } from '../../src/share';
import { FULL, TINY, clone } from './fixtures';

function scenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.message);
  return result.scenario;
}

function refused(result: HashDecodeResult): string {
  if (result.ok) throw new Error('expected the link to be refused');
  expect(result.message.length).toBeGreaterThan(0);
  return result.message;
}

const hashOf = (json: string): string => `#s=${LZString.compressToEncodedURIComponent(json)}`;

describe('URL round trip', () => {
  it.each([
    ['full', FULL],
    ['tiny', TINY],
  ])('%s: encode → decode gives an equal scenario, with and without at', (_name, input) => {
    const s = scenario(input);
    const plain = encodeScenarioHash(s);
    expect(plain).toMatch(/^#s=[A-Za-z0-9+\-$]+$/);
    expect(decodeScenarioHash(plain)).toEqual({ ok: true, scenario: s, at: null });
    const positioned = encodeScenarioHash(s, 17);
    expect(positioned.endsWith('&at=17')).toBe(true);
    expect(decodeScenarioHash(positioned)).toEqual({ ok: true, scenario: s, at: 17 });
    expect(decodeScenarioHash(positioned.slice(1))).toEqual({ ok: true, scenario: s, at: 17 });
    expect(decodeScenarioHash(encodeScenarioHash(s, 0))).toEqual({ ok: true, scenario: s, at: 0 });
  });

  it('accepts a whole URL, a fragment, or the bare s= part', () => {
    const s = scenario(FULL);
    const hash = encodeScenarioHash(s, 3);
    const expected = { ok: true, scenario: s, at: 3 };
    expect(scenarioFromUrlOrHash(`https://example.org/ve/index.html${hash}`)).toEqual(expected);
    expect(scenarioFromUrlOrHash(`  http://127.0.0.1:4173/${hash}\n`)).toEqual(expected);
    expect(scenarioFromUrlOrHash(hash)).toEqual(expected);
    expect(scenarioFromUrlOrHash(hash.slice(1))).toEqual(expected);
    expect(scenarioFromUrlOrHash('https://example.org/ve/')).toEqual({ ok: true, scenario: null });
  });

  it('no s= means no scenario', () => {
    expect(decodeScenarioHash('')).toEqual({ ok: true, scenario: null });
    expect(decodeScenarioHash('#')).toEqual({ ok: true, scenario: null });
    expect(decodeScenarioHash('#at=5')).toEqual({ ok: true, scenario: null });
    expect(decodeScenarioHash('#section-2')).toEqual({ ok: true, scenario: null });
  });

  it('survives percent-encoding and spaces for plus signs', () => {
    const s = scenario(FULL);
    const hash = encodeScenarioHash(s);
    expect(decodeScenarioHash(hash.replace(/\$/g, '%24'))).toEqual({ ok: true, scenario: s, at: null });
    expect(decodeScenarioHash(hash.replace(/\+/g, ' '))).toEqual({ ok: true, scenario: s, at: null });
  });

  it('the bounded decoder agrees with lz-string on valid payloads', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const packed = LZString.compressToEncodedURIComponent(text);
        expect(decompressUriSafeBounded(packed, 1_000_000)).toEqual({ ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('the bounded decoder reads garbage exactly like lz-string when it accepts it', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 200 }), (chars) => {
        const payload = chars.join('');
        const mine = decompressUriSafeBounded(payload, 1_000_000);
        if (mine.ok) expect(mine.text).toBe(LZString.decompressFromEncodedURIComponent(payload));
      }),
      { numRuns: 1000 },
    );
  });

  it('encode refuses a bad step', () => {
    const s = scenario(TINY);
    expect(() => encodeScenarioHash(s, -1)).toThrow(RangeError);
    expect(() => encodeScenarioHash(s, 1.5)).toThrow(RangeError);
  });
});

describe('hostile and mangled links', () => {
  const good = encodeScenarioHash(scenario(FULL), 4);
  const payload = good.slice(3, good.indexOf('&'));

  it('truncated payload', () => {
    for (const cut of [1, 5, 20, Math.floor(payload.length / 2), payload.length - 2]) {
      const m = refused(decodeScenarioHash(`#s=${payload.slice(0, cut)}`));
      expect(m).toMatch(/damaged|invalid scenario/);
    }
  });

  it('empty payload and characters outside the encoding', () => {
    expect(refused(decodeScenarioHash('#s='))).toContain('the link is damaged');
    expect(refused(decodeScenarioHash('#s=abc!def'))).toContain('the link is damaged');
    expect(refused(decodeScenarioHash('#s=%E0%A4%A'))).toContain('percent-encoding');
  });

  it('random garbage', () => {
    for (const junk of ['AAAAAAAAAA', 'hello-world', '$$$$$$', 'N4Ig', 'Zm9vYmFy']) {
      refused(decodeScenarioHash(`#s=${junk}`));
    }
  });

  it('payload that is not JSON', () => {
    expect(refused(decodeScenarioHash(hashOf('not json {')))).toBe(
      'the link is damaged: its scenario is not valid JSON',
    );
  });

  it('payload that does not validate', () => {
    const wrong = clone(TINY) as Record<string, unknown>;
    wrong.version = 2;
    expect(refused(decodeScenarioHash(hashOf(JSON.stringify(wrong))))).toContain(
      'newer release of VE Playground',
    );
  });

  it('bad at: the scenario opens at step 0 with a note', () => {
    const s = scenario(FULL);
    for (const at of ['-1', '1.5', 'abc', '', '99999999999', '1e3', '1000000001']) {
      const result = decodeScenarioHash(`#s=${payload}&at=${at}`);
      expect(result).toMatchObject({ ok: true, scenario: s, at: 0 });
      if (!result.ok || result.scenario === null) return;
      expect(result.note).toContain('is not a step number');
      expect(result.note).toContain('opened at step 0');
    }
    expect(decodeScenarioHash(`#s=${payload}&at=12`)).not.toHaveProperty('note');
  });

  it('oversize payload (> 64 KiB decoded), refused before JSON.parse', () => {
    const big = clone(TINY) as { description?: string };
    big.description = 'x'.repeat(MAX_DECODED_BYTES);
    const json = JSON.stringify(big);
    expect(json.length).toBeGreaterThan(MAX_DECODED_BYTES);
    expect(refused(decodeScenarioHash(hashOf(json)))).toContain('more than 64 KiB');
    // Highly repetitive data: a tiny link that would expand enormously.
    const bomb = LZString.compressToEncodedURIComponent('a'.repeat(300_000));
    expect(bomb.length).toBeLessThan(2_000);
    const start = performance.now();
    expect(refused(decodeScenarioHash(`#s=${bomb}`))).toContain('more than 64 KiB');
    expect(performance.now() - start).toBeLessThan(500);
    // Multi-byte text counts in UTF-8 bytes.
    big.description = 'é'.repeat(40_000);
    expect(refused(decodeScenarioHash(hashOf(JSON.stringify(big))))).toContain('more than 64 KiB');
  });

  it('oversize compressed payload is not even decoded', () => {
    expect(refused(decodeScenarioHash(`#s=${'A'.repeat(300_000)}`))).toContain('too long');
  });

  it('a <script> title stays text', () => {
    const s = scenario({ ...clone(TINY), title: '<script>alert("x")</script>' });
    const back = decodeScenarioHash(encodeScenarioHash(s));
    expect(back.ok && back.scenario?.title).toBe('<script>alert("x")</script>');
  });
});

describe('fuzz: decodeScenarioHash never throws', () => {
  const check = (hash: string): void => {
    let result: HashDecodeResult;
    try {
      result = decodeScenarioHash(hash);
    } catch (error) {
      throw new Error(`decodeScenarioHash threw on ${JSON.stringify(hash.slice(0, 80))}: ${String(error)}`);
    }
    if (result.ok) {
      if (result.scenario !== null) expect(parseScenario(result.scenario).ok).toBe(true);
    } else {
      expect(typeof result.message).toBe('string');
      expect(result.message.length).toBeGreaterThan(0);
    }
  };

  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => check(text)),
      { numRuns: 1500 },
    );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'.split('');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }),
        fc.option(fc.nat()),
        (chars, at) => check(`#s=${chars.join('')}${at === null ? '' : `&at=${at}`}`),
      ),
      { numRuns: 1500 },
    );
  });

  it('mutated valid payloads', () => {
    const base = encodeScenarioHash(scenario(FULL)).slice(3);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$%& =#';
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        pos: fc.nat(),
        ch: fc.integer({ min: 0, max: alphabet.length - 1 }),
      }),
      fc.record({ kind: fc.constant('cut' as const), pos: fc.nat() }),
      fc.record({ kind: fc.constant('dup' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('drop' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let p = base;
        for (const m of mutations) {
          const pos = m.pos % (p.length + 1);
          if (m.kind === 'flip') p = p.slice(0, pos) + alphabet[m.ch] + p.slice(pos + 1);
          else if (m.kind === 'cut') p = p.slice(0, pos);
          else if (m.kind === 'dup') p = p.slice(0, pos) + p.slice(pos, pos + m.len) + p.slice(pos);
          else p = p.slice(0, pos) + p.slice(pos + m.len);
        }
        check(`#s=${p}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated scenario JSON', () => {
    const json = JSON.stringify(FULL);
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 8 }), (pos, insert) => {
        const at = pos % (json.length + 1);
        check(hashOf(json.slice(0, at) + insert + json.slice(at + 1)));
      }),
      { numRuns: 1500 },
    );
  });
});
