/** No import cycle in src/: a cycle makes module order matter (a value read before it is set). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type ImportGraph } from './importGraph';

const SRC = join(import.meta.dirname, '../../src');

describe('import cycles', () => {
  it('src/ has none', () => {
    const graph = importGraph(SRC);
    // The graph is really read: the schema runs the migration chain before validating.
    expect(graph.get(join('share', 'schema.ts'))).toContain(join('share', 'migrate.ts'));
    expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('a cycle is found, however long, and named once', () => {
    const graph: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
