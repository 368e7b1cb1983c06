/**
 * Where a move's words go: the first point along its arrow (from the middle outwards, then beside
 * it, nearest first; centred on it, then ending or starting there) where they cover no text of the
 * page and no other move's words. At the middle alone they sat over whatever the curve crossed — a
 * heading, an invariant's sentence — and the halo made both illegible on a projector. Text is
 * found with the page's own hit tests (`elementFromPoint`; the layer itself takes none) and the
 * client boxes of the hit element's text.
 */
import { pointAt, type ArrowGeometry, type Box, type Point } from './arrowPath';

/** Fractions of the arrow's length tried, best first. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9];
/** Then the same points moved across the arrow by these distances (px), either side. */
const ACROSS = [18, 36, 54, 72];
/** Distance between the points tested inside a label's box, in px (a narrow digit is ~7 px). */
const PITCH = 5;
/** Hit tests per label at most (≈ 15–20 µs each, the 16 × 64 machine's page included): a bounded cost. */
const BUDGET = 2000;

/** The words' box relative to their anchor point: SVG text with `text-anchor: middle` at (x, y). */
export interface WordsBox {
  width: number;
  height: number;
  /** From the anchor's y to the box's top (negative: the box rises above its baseline). */
  top: number;
}

/** The box of words anchored at `p`. */
export const wordsBoxAt = (p: Point, w: WordsBox): Box => ({
  x: p.x - w.width / 2,
  y: p.y + w.top,
  width: w.width,
  height: w.height,
});

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether page point (x, y) (client coordinates) is on text, or off screen. */
function onText(x: number, y: number, range: Range): boolean {
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
  const el = document.elementFromPoint(x, y);
  if (!el) return true;
  for (const node of el.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects())
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

/** Points of `box` that fall on text; stops counting at `enough`; Infinity when the budget ran out. */
function covered(box: Box, origin: DOMRect, range: Range, enough: number, budget: { hits: number }): number {
  let n = 0;
  const cols = Math.max(2, Math.ceil(box.width / PITCH) + 1);
  // The edges too (a pixel in): text grazing the words' top or bottom is as hard to read.
  const left = origin.left + box.x + 1;
  const top = origin.top + box.y + 1;
  const width = box.width - 2;
  const height = box.height - 2;
  for (const fy of [0, 0.5, 1])
    for (let c = 0; c < cols; c++) {
      if (--budget.hits < 0) return Infinity;
      if (onText(left + (width * c) / (cols - 1), top + height * fy, range) && ++n >= enough) return n;
    }
  return n;
}

/**
 * The anchor for words of size `words` on arrow `g`: the first candidate that covers no text and
 * none of the boxes in `taken`, else the one that covers least of those tried within the budget.
 * `origin` is the layer's client box.
 */
export function placeWords(g: ArrowGeometry, words: WordsBox, origin: DOMRect, taken: readonly Box[]): Point {
  const range = document.createRange();
  const dx = g.end.x - g.start.x;
  const dy = g.end.y - g.start.y;
  const length = Math.hypot(dx, dy) || 1;
  const along = ALONG.map((t) => pointAt(g, t));
  const points = [...along];
  for (const d of ACROSS)
    for (const p of along.slice(0, 7))
      for (const side of [d, -d])
        points.push({
          x: Math.round(p.x - (dy / length) * side),
          y: Math.round(p.y + (dx / length) * side),
        });
  // Then the words ending or starting at each point: a short arrow between two dense panels has
  // room only to one side of it.
  const shift = Math.round(words.width / 2 + 4);
  const candidates = [
    ...points,
    ...points.flatMap((p) => [
      { x: p.x - shift, y: p.y },
      { x: p.x + shift, y: p.y },
    ]),
  ];
  const budget = { hits: BUDGET };
  const open = candidates.filter((p) => !taken.some((t) => overlaps(t, wordsBoxAt(p, words))));
  // The first candidate with no text at all (a covered one is given up at its first hit).
  for (const p of open) {
    const n = covered(wordsBoxAt(p, words), origin, range, 1, budget);
    if (n === 0) return p;
    if (n === Infinity) return g.middle;
  }
  // Text everywhere: the candidate that covers least.
  let best = g.middle;
  let least = Infinity;
  for (const p of open) {
    const n = covered(wordsBoxAt(p, words), origin, range, least, budget);
    if (n === Infinity) break;
    if (n < least) {
      least = n;
      best = p;
    }
  }
  return best;
}
