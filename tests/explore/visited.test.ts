/** The explorer's visited set (src/explore/visited.ts): 64-bit hashes in, discovery indices out. */
import { describe, expect, it } from 'vitest';
import { VisitedSet } from '../../src/explore/visited';
import { seededRandom } from '../../src/engine/prng';

const word = (rnd: () => number): number => (Math.floor(rnd() * 2 ** 32) | 0) >>> 0;

describe('visited set', () => {
  it('keeps 200 000 random hashes through its doublings: new ones get the next index, repeats -1', () => {
    const rnd = seededRandom(13);
    const hashes: [number, number][] = [];
    const v = new VisitedSet(4);
    for (let k = 0; k < 200_000; k++) {
      const h: [number, number] = [word(rnd), word(rnd)];
      hashes.push(h);
      expect(v.add(h[0], h[1], k - 1, k * 3)).toBe(k);
    }
    expect(v.size).toBe(200_000);
    for (let k = 0; k < hashes.length; k += 997) {
      const [h, l] = hashes[k]!;
      expect(v.add(h, l, 0, 0)).toBe(-1);
      expect(v.find(h, l)).toBe(k);
      expect(v.parent[k]).toBe(k - 1);
      expect(v.choice[k]).toBe(k * 3);
    }
    expect(v.size).toBe(200_000);
    expect(v.find(1, 2)).toBe(-1);
  });

  it('tells apart hashes that share either half', () => {
    const v = new VisitedSet(2);
    expect(v.add(7, 1, -1, 0)).toBe(0);
    expect(v.add(7, 2, 0, 0)).toBe(1);
    expect(v.add(8, 1, 0, 0)).toBe(2);
    expect(v.add(0xffffffff, 0x80000000, 0, 0)).toBe(3);
    expect(v.add(7, 2, 0, 0)).toBe(-1);
    expect(v.add(0xffffffff, 0x80000000, 0, 0)).toBe(-1);
    expect([v.find(7, 1), v.find(7, 2), v.find(8, 1), v.find(8, 2)]).toEqual([0, 1, 2, -1]);
  });

  it('holds under 40 bytes a state', () => {
    const rnd = seededRandom(5);
    const v = new VisitedSet();
    for (let k = 0; k < 100_000; k++) v.add(word(rnd), word(rnd), 0, 0);
    expect(v.bytesPerState()).toBeLessThan(40);
  });
});
