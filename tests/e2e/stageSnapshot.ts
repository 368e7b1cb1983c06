/**
 * Serialises the stage (the flow strip and the move layer) as deterministic markup for snapshot
 * files: attributes sorted, numbers rounded, and the move layer without its geometry — where an
 * arrow is drawn depends on the page's layout, what it connects does not.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');

/** Runs in the page. */
function serializeStage(): string {
  const GEOMETRY = new Set(['d', 'x', 'y', 'cx', 'cy', 'transform', 'opacity', 'width', 'height']);
  const lines: string[] = [];
  // One decimal at most: sub-pixel noise never reaches the file.
  const round = (v: string) => v.replace(/-?\d+\.\d+/g, (n) => String(Number(Number(n).toFixed(1))));
  const escape = (v: string) =>
    v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const walk = (el: Element, depth: number, dropGeometry: boolean) => {
    const attrs = [...el.attributes]
      .filter((a) => !(dropGeometry && GEOMETRY.has(a.name)))
      .map((a) => `${a.name}="${escape(round(a.value.trim().replace(/\s+/g, ' ')))}"`)
      .sort();
    const pad = '  '.repeat(depth);
    const open = `${pad}<${el.tagName.toLowerCase()}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
    const text = el.children.length === 0 ? (el.textContent ?? '').trim() : '';
    if (el.children.length === 0) {
      lines.push(text ? `${open}>${escape(text)}</${el.tagName.toLowerCase()}>` : `${open}/>`);
      return;
    }
    lines.push(`${open}>`);
    for (const child of el.children) walk(child, depth + 1, dropGeometry);
    lines.push(`${pad}</${el.tagName.toLowerCase()}>`);
  };
  const strip = document.querySelector('[data-testid="flow-strip"]');
  const moves = document.querySelector('[data-testid="stage-moves"]');
  if (strip) walk(strip, 0, false);
  if (moves) walk(moves, 0, true);
  return lines.join('\n') + '\n';
}

export function stageMarkup(page: Page): Promise<string> {
  return page.evaluate(serializeStage);
}

/**
 * Compares with the committed snapshot `name`; writes it when missing or UPDATE_SNAPSHOTS=1. On a
 * mismatch the actual markup is written beside it (`.actual.html`) and the comparison fails.
 */
export function matchSnapshot(name: string, actual: string): { expected: string; file: string } {
  mkdirSync(SNAPSHOTS, { recursive: true });
  const file = join(SNAPSHOTS, `${name}.html`);
  const actualFile = join(SNAPSHOTS, `${name}.actual.html`);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    writeFileSync(file, actual);
    return { expected: actual, file };
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) writeFileSync(actualFile, actual);
  return { expected, file };
}
