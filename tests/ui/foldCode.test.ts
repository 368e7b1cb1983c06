/** The code follows the run: what folds and what stays when actors stand on given lines. */
import { describe, expect, it } from 'vitest';
import type { StepLabel } from '../../src/engine';
import { CONTEXT_LEVELS, foldCode, shownLines } from '../../src/ui/code/foldCode';
import { MAIL_CODE } from '../../src/ui/code/mailCode';

function shownLabels(current: StepLabel[], context: number, whole = false): (StepLabel | null)[] {
  return foldCode(MAIL_CODE, new Set(current), whole, context).flatMap((s) =>
    s.rows.flatMap((r) => (r.kind === 'block' && r.shown && s.running ? [r.block.label] : [])),
  );
}

describe('foldCode', () => {
  it('opens exactly the sections an actor runs', () => {
    const folded = foldCode(MAIL_CODE, new Set<StepLabel>(['ve.copy', 'hc.write']), false);
    expect(folded.filter((s) => s.running).map((s) => s.section.id)).toEqual(['guest-ve', 'host-completion']);
  });

  it('keeps every current line shown, at every context level', () => {
    for (const context of CONTEXT_LEVELS) {
      const shown = shownLabels(['ve.vp', 've.clear_flag', 'inj.inject'], context);
      expect(shown).toEqual(expect.arrayContaining(['ve.vp', 've.clear_flag', 'inj.inject']));
    }
  });

  it('keeps less context at a lower level and marks what it folds', () => {
    const wide = shownLabels(['ve.cc.clear'], CONTEXT_LEVELS[0]);
    const none = shownLabels(['ve.cc.clear'], 0);
    expect(none).toEqual(['ve.cc.clear']);
    expect(wide.length).toBeGreaterThan(none.length);
    const rows = foldCode(MAIL_CODE, new Set<StepLabel>(['ve.cc.clear']), false, 0).find(
      (s) => s.running,
    )!.rows;
    const elided = rows.filter((r) => r.kind === 'elided');
    expect(elided).toHaveLength(2); // above and below the one line
    const hiddenLines = rows
      .filter((r) => r.kind === 'block' && !r.shown)
      .reduce((n, r) => n + (r.kind === 'block' ? r.block.lines.length : 0), 0);
    expect(elided.reduce((n, r) => n + (r.kind === 'elided' ? r.lines : 0), 0)).toBe(hiddenLines);
  });

  it('folds nothing when the whole code is asked for', () => {
    const folded = foldCode(MAIL_CODE, new Set<StepLabel>(['hc.read']), true, 0);
    expect(folded.every((s) => s.rows.every((r) => r.kind === 'block' && r.shown))).toBe(true);
  });

  it('counts the lines a folding shows: fewer at each lower level, fewer again squeezed', () => {
    const current = new Set<StepLabel>(['ve.switch', 'hc.switch']);
    const counts = CONTEXT_LEVELS.map((c) => shownLines(foldCode(MAIL_CODE, current, false, c)));
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]!);
    expect(counts.at(-1)).toBeLessThan(counts[0]!);
    const none = foldCode(MAIL_CODE, current, false, 0);
    expect(shownLines(none, 2)).toBeLessThan(shownLines(none));
    // Nobody runs: one title line a section.
    expect(shownLines(foldCode(MAIL_CODE, new Set(), false, 0))).toBe(MAIL_CODE.length);
  });
});
