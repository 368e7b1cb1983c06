/** The README's key table is the registry's: a key added, removed or renamed in one fails here. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyRows, keyTableMarkdown } from '../../src/actions/keys';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** The rows between the keys:begin / keys:end markers, as [keys, does] cells. */
function readmeKeyTable(): string[][] {
  const begin = readme.indexOf('<!-- keys:begin');
  const end = readme.indexOf('<!-- keys:end -->');
  if (begin < 0 || end < begin) throw new Error('README.md has no keys:begin / keys:end markers');
  return readme
    .slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

const cells = (table: string) =>
  table
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );

describe('README key table', () => {
  it('lists exactly the keys of the action registry, in its order', () => {
    expect(readmeKeyTable()).toEqual(cells(keyTableMarkdown()));
  });

  it('has a row for every action with keys (Undo click and lecture mode included)', () => {
    const does = readmeKeyTable().map((r) => r[1]);
    expect(does).toHaveLength(keyRows().length);
    expect(readmeKeyTable().map((r) => r[0])).toEqual(expect.arrayContaining(['`L`', '`Ctrl/⌘+Z`']));
  });
});
