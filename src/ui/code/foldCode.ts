/**
 * The code follows the run: which sections and lines of the code panel to show so that every
 * current line of every actor fits on screen. A section nobody executes folds to its title; in a
 * running section each current block keeps a little context around it and the rest of the
 * section folds to a "⋯ n lines" mark. Pure, so it is tested without a browser.
 */
import type { StepLabel } from '../../engine';
import type { CodeBlock, CodeSection } from './mailCode';

/**
 * Lines of context kept above and below each current block (whole blocks, up to this many lines),
 * most first: the panel takes the first that fits its box.
 */
export const CONTEXT_LEVELS = [14, 8, 4, 1, 0] as const;

export type FoldedRow =
  | { kind: 'block'; block: CodeBlock; index: number; shown: boolean }
  /** Folded lines, drawn once before the hidden blocks they stand for. */
  | { kind: 'elided'; lines: number; key: string };

export interface FoldedSection {
  section: CodeSection;
  /** Some actor executes one of its lines next. */
  running: boolean;
  rows: FoldedRow[];
}

function linesOf(block: CodeBlock): number {
  return block.lines.length;
}

/** Indices of blocks to show in a running section: the current ones and their context. */
function shownBlocks(
  blocks: readonly CodeBlock[],
  current: ReadonlySet<StepLabel>,
  context: number,
): Set<number> {
  const shown = new Set<number>();
  blocks.forEach((b, k) => {
    if (!b.label || !current.has(b.label)) return;
    shown.add(k);
    for (const dir of [-1, 1]) {
      let budget = context;
      for (let n = k + dir; n >= 0 && n < blocks.length; n += dir) {
        const size = linesOf(blocks[n]!);
        if (size > budget) break;
        budget -= size;
        shown.add(n);
      }
    }
  });
  return shown;
}

/**
 * `whole`: the user asked for the whole code (nothing folds; the panel scrolls to the lines
 * instead). Otherwise only what runs, with `context` lines around each current block.
 */
export function foldCode(
  sections: readonly CodeSection[],
  current: ReadonlySet<StepLabel>,
  whole: boolean,
  context: number = CONTEXT_LEVELS[0],
): FoldedSection[] {
  return sections.map((section) => {
    const running = section.blocks.some((b) => b.label !== null && current.has(b.label));
    const keep = whole ? null : running ? shownBlocks(section.blocks, current, context) : new Set<number>();
    const rows: FoldedRow[] = [];
    let hiddenRun = 0;
    let runStart = -1;
    const flush = () => {
      if (hiddenRun > 0 && running) {
        // The mark goes before the hidden blocks it stands for.
        rows.splice(runStart, 0, { kind: 'elided', lines: hiddenRun, key: `elided-${runStart}` });
      }
      hiddenRun = 0;
      runStart = -1;
    };
    section.blocks.forEach((block, index) => {
      const shown = keep === null || keep.has(index);
      if (shown) flush();
      else {
        if (runStart < 0) runStart = rows.length;
        hiddenRun += linesOf(block);
      }
      rows.push({ kind: 'block', block, index, shown });
    });
    flush();
    return { section, running, rows };
  });
}

/**
 * Text lines a folding shows (section titles, shown blocks, "⋯" marks): the code panel compares
 * two context levels by it to guess, without laying either out, whether more context would fit.
 * `squeezedTo`: long current blocks show this many lines and a "⋯ more" line.
 */
export function shownLines(folded: readonly FoldedSection[], squeezedTo?: number): number {
  let lines = 0;
  for (const { running, rows } of folded) {
    lines += 1;
    if (!running) continue;
    for (const row of rows) {
      if (row.kind === 'elided') lines += 1;
      else if (row.shown) lines += squeezed(linesOf(row.block), row.block.label !== null, squeezedTo);
    }
  }
  return lines;
}

/** Lines a block shows when long labelled blocks are squeezed to `to` lines (and one "⋯ more"). */
function squeezed(lines: number, labelled: boolean, to: number | undefined): number {
  return to !== undefined && labelled && lines > to + 1 ? to + 1 : lines;
}
