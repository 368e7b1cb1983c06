import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Snapshot, StepLabel, Variant } from '../engine';
import { useApp } from '../store/appStore';
import { CONTEXT_LEVELS, foldCode, shownLines, type FoldedSection } from './code/foldCode';
import { MAIL_CODE, type CodeBlock } from './code/mailCode';
import { actorColor } from './palette';

/**
 * Which actors execute which label next, as one string ("label\tvcpu0 host\n…"): a selector
 * result compared by value, so the panel re-renders only when a highlight moves.
 */
function currentActorsKey(snapshot: Snapshot | null): string {
  if (!snapshot) return '';
  const map = new Map<StepLabel, string[]>();
  const add = (label: StepLabel | null, actor: string) => {
    if (!label) return;
    map.set(label, [...(map.get(label) ?? []), actor]);
  };
  snapshot.vcpus.forEach((v) => add(v.next, `vcpu${v.index}`));
  add(snapshot.host.next, 'host');
  return [...map].map(([label, actors]) => `${label}\t${actors.join(' ')}`).join('\n');
}

/** "vcpu0 host" style lists, keyed by label. */
function parseActors(key: string): Map<StepLabel, string[]> {
  const map = new Map<StepLabel, string[]>();
  if (key === '') return map;
  for (const line of key.split('\n')) {
    const [label, actors] = line.split('\t') as [StepLabel, string];
    map.set(label, actors.split(' '));
  }
  return map;
}

/** Struck through: a line this variant never executes. */
function notExecuted(block: CodeBlock, reentrancyClear: Variant['reentrancyClear'] | undefined): boolean {
  if (block.onlyIf) return block.onlyIf.reentrancyClear !== reentrancyClear;
  if (block.skippedIf) return block.skippedIf.reentrancyClear === reentrancyClear;
  return false;
}

/**
 * Keeps every current line inside the panel's own scroll box (never scrolls the page): the first
 * one near the top, the last one still visible when both fit.
 */
function follow(box: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const lines = [...box.querySelectorAll<HTMLElement>('.code-current')];
  if (lines.length === 0) return;
  const top = box.getBoundingClientRect().top - box.scrollTop;
  const first = lines[0]!.getBoundingClientRect().top - top;
  const last = lines.at(-1)!.getBoundingClientRect().bottom - top;
  const view = box.clientHeight;
  if (first >= box.scrollTop && last <= box.scrollTop + view) return;
  const margin = Math.min(48, view / 6);
  box.scrollTo({ top: last - first + 2 * margin <= view ? first - margin : first - margin / 2 });
}

/** Lines a squeezed block keeps. */
const SQUEEZED_LINES = 2;

const overflows = (box: HTMLElement) => box.scrollHeight > box.clientHeight + 1;

/**
 * Pixels the content could still grow by before the box scrolls: up to its max-height (normal
 * mode), or to its fixed height (lecture, embed).
 */
function room(box: HTMLElement): number {
  const style = getComputedStyle(box);
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  const last = box.lastElementChild;
  const content = last
    ? last.getBoundingClientRect().bottom - box.getBoundingClientRect().top + box.scrollTop + padding
    : box.scrollHeight;
  const max = parseFloat(style.maxHeight);
  if (!Number.isFinite(max)) return box.clientHeight - content;
  const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  return (style.boxSizing === 'border-box' ? max - borders : max + padding) - content;
}

/**
 * The level to render next: while the box overflows, the first with enough fewer lines to fit
 * (the squeezed last level if none); when it fits, the one with the most context whose extra
 * lines the remaining room takes (not after an overflow: that would go back and forth).
 */
function fittingLevel(box: HTMLElement, linesAt: readonly number[], level: number, up: boolean): number {
  const last = linesAt.length - 1;
  const now = linesAt[level] ?? 0;
  const line = lineHeight(box);
  if (overflows(box)) {
    if (level >= last) return level;
    const excess = box.scrollHeight - box.clientHeight;
    for (let l = level + 1; l < last; l++) if ((now - linesAt[l]!) * line >= excess) return l;
    return last;
  }
  if (up || level === 0) return level;
  const free = room(box);
  for (let l = 0; l < level; l++) if ((linesAt[l]! - now) * line <= free) return l;
  return level;
}

/** The height of one code line in the box. */
function lineHeight(box: HTMLElement): number {
  const pre = box.querySelector('pre') ?? box;
  const style = getComputedStyle(pre);
  const height = parseFloat(style.lineHeight);
  return Number.isFinite(height) ? height : 1.2 * parseFloat(style.fontSize);
}

/**
 * Normal mode: the sticky panel is as tall as the screen below where it starts (--code-top), so
 * its last line is on screen before the page is scrolled.
 */
function useCodeTop(panel: React.RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const box = panel.current;
    if (!box) return;
    const measure = () => {
      if (getComputedStyle(box).position !== 'sticky') return;
      const top = `${Math.round(box.getBoundingClientRect().top + window.scrollY)}px`;
      if (box.style.getPropertyValue('--code-top') !== top) box.style.setProperty('--code-top', top);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [panel]);
}

/** The mail's pseudocode, each line highlighted in the colour of the actors about to run it. */
export function CodePanel() {
  const actorsKey = useApp((s) => currentActorsKey(s.snapshot));
  const reentrancyClear = useApp((s) => s.scenario?.config.variant.reentrancyClear);
  const actors = useMemo(() => parseActors(actorsKey), [actorsKey]);
  const [whole, setWhole] = useState(false);
  // As much context as fits. A new set of current lines starts at the level the last one settled
  // on (neighbouring steps fold alike), takes less context while the panel overflows, and tries
  // more only when the line count says it would fit: one layout per step, rarely two or three.
  const [fit, setFit] = useState({ key: actorsKey, level: 0, up: false });
  const level = fit.level;
  /** This set of lines has already overflowed one level down: do not try more context again. */
  const up = fit.key === actorsKey && fit.up;
  // Past the last context level: long current blocks (a whole switch) shrink to their first lines.
  const squeeze = level >= CONTEXT_LEVELS.length;
  const current = useMemo(() => new Set(actors.keys()), [actors]);
  /** The folding at each context level; the squeezed level folds like the last one. */
  const foldings = useMemo(
    () => CONTEXT_LEVELS.map((c) => foldCode(MAIL_CODE, current, false, c)),
    [current],
  );
  /** Lines shown at each level (the last: squeezed), to guess the level that fits. */
  const linesAt = useMemo(
    () => [...foldings.map((f) => shownLines(f)), shownLines(foldings.at(-1)!, SQUEEZED_LINES)],
    [foldings],
  );
  const folded = useMemo(
    () => (whole ? foldCode(MAIL_CODE, current, true) : foldings[Math.min(level, foldings.length - 1)]!),
    [whole, current, foldings, level],
  );
  const panel = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const box = panel.current;
    if (!box) return;
    if (!whole) {
      const next = fittingLevel(box, linesAt, level, up);
      if (next !== level) {
        setFit({ key: actorsKey, level: next, up: up || next > level });
        return;
      }
    }
    follow(box);
  }, [actorsKey, linesAt, level, whole, up]);
  useCodeTop(panel);
  return (
    <section
      ref={panel}
      className={`panel code ${whole ? 'code-whole' : 'code-folded'}`}
      aria-label="the mail's pseudocode"
      // Scrolls on its own: reachable by keyboard (axe scrollable-region-focusable).
      tabIndex={0}
    >
      <div className="code-head">
        <button
          type="button"
          className="code-whole-toggle"
          aria-pressed={whole}
          title="Show every line of the mail, or only the sections that run now"
          onClick={() => setWhole(!whole)}
        >
          {whole ? 'Only what runs' : 'Whole code'}
        </button>
      </div>
      {folded.map((f) => (
        <CodeSectionView
          key={f.section.id}
          folded={f}
          actors={actors}
          reentrancyClear={reentrancyClear}
          whole={whole}
          squeeze={squeeze}
        />
      ))}
    </section>
  );
}

function CodeSectionView({
  folded,
  actors,
  reentrancyClear,
  whole,
  squeeze,
}: {
  folded: FoldedSection;
  actors: Map<StepLabel, string[]>;
  reentrancyClear: Variant['reentrancyClear'] | undefined;
  whole: boolean;
  /** Long blocks show their first lines only (the rest in the tooltip). */
  squeeze: boolean;
}) {
  const { section, running, rows } = folded;
  const open = whole || running;
  return (
    <div
      className={`code-section ${open ? 'code-section-open' : 'code-section-shut'}`}
      data-section={section.id}
    >
      <h3 title={open ? undefined : 'nobody runs this section now'}>
        {open ? '' : '▸ '}
        {section.title}
      </h3>
      <div className="code-lines" hidden={!open}>
        {rows.map((row) => {
          if (row.kind === 'elided') {
            return (
              <div key={row.key} className="code-elided" aria-hidden="true">
                ⋯ {row.lines} {row.lines === 1 ? 'line' : 'lines'}
              </div>
            );
          }
          const { block, index, shown } = row;
          const hide = shown ? '' : 'code-hidden';
          if (!block.label) {
            return (
              <pre key={index} className={`code-block code-context ${hide}`}>
                {block.lines.join('\n')}
              </pre>
            );
          }
          const who = actors.get(block.label) ?? [];
          const first = who[0];
          const off = notExecuted(block, reentrancyClear);
          const squeezed = squeeze && block.lines.length > SQUEEZED_LINES + 1;
          return (
            <div
              key={block.label}
              className={`code-block ${block.prose ? 'code-prose' : ''} ${who.length ? 'code-current' : ''} ${off ? 'code-off' : ''} ${hide}`}
              data-testid={`code-line-${block.label}`}
              data-current={who.join(' ')}
              title={block.detail ?? (squeezed ? block.lines.join('\n') : undefined)}
              style={first ? { ['--actor' as string]: actorColor(first) } : undefined}
            >
              <span className="code-label">{block.label}</span>
              <pre>
                {(squeezed ? block.lines.slice(0, SQUEEZED_LINES) : block.lines).join('\n')}
                {squeezed && (
                  <span className="code-squeezed">
                    {'\n'}⋯ {block.lines.length - SQUEEZED_LINES} more lines
                  </span>
                )}
              </pre>
              {who.length > 0 && (
                <span className="code-actors">
                  {who.map((a) => (
                    <span key={a} className="actor-badge" style={{ ['--actor' as string]: actorColor(a) }}>
                      ◀ {a}
                    </span>
                  ))}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
