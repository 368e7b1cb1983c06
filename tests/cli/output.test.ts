/** The CLIs write JSON in pieces; the pieces make exactly what JSON.stringify would have made. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/cli/output';

const joined = (value: unknown, pretty: boolean): string => [...jsonChunks(value, pretty)].join('');

describe('jsonChunks', () => {
  it('equals JSON.stringify, pretty and compact, on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(joined(value, true)).toBe(JSON.stringify(value, null, 2));
        expect(joined(value, false)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('leaves out undefined properties and writes undefined array items as null, like JSON.stringify', () => {
    const value = { a: undefined, b: [undefined, 1, { c: undefined, d: [] }], e: {}, f: 'x\ny' };
    expect(joined(value, true)).toBe(JSON.stringify(value, null, 2));
    expect(joined(value, false)).toBe(JSON.stringify(value));
  });

  it('a report with many events comes in many pieces (no single giant string)', () => {
    const events = Array.from({ length: 10_000 }, (_, step) => ({ step, kind: 'hw.fault' }));
    const pieces = [...jsonChunks({ outcome: 'quiescent', events }, true)];
    expect(pieces.length).toBeGreaterThan(10_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200);
  });
});
