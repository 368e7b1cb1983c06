/**
 * The move layer's drawing (d3-selection and d3-transition): a chunk of its own, loaded the first
 * time a step moves something, so the first visit does not download d3.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { actorColor } from '../palette';
import type { Anchor, Move } from './flow';
import { arrowPath, type Box } from './arrowPath';
import { placeWords, wordsBoxAt } from './placeWords';

const TRAVEL_MS = 700;

/** Where an element shows inside the layer: clipped by the regions that scroll it; null if hidden. */
function visibleBox(el: Element, layer: Element, origin: DOMRect): Box | null {
  const r = el.getBoundingClientRect();
  let left = r.left;
  let top = r.top;
  let right = r.right;
  let bottom = r.bottom;
  for (let p = el.parentElement; p && p !== layer.parentElement; p = p.parentElement) {
    const style = getComputedStyle(p);
    // A box that is not drawn (display: contents) clips nothing, whatever its overflow says.
    if (style.overflow === 'visible' || style.display === 'contents') continue;
    const c = p.getBoundingClientRect();
    left = Math.max(left, c.left);
    top = Math.max(top, c.top);
    right = Math.min(right, c.right);
    bottom = Math.min(bottom, c.bottom);
  }
  if (right - left < 2 || bottom - top < 2) return null;
  return { x: left - origin.left, y: top - origin.top, width: right - left, height: bottom - top };
}

/** The first readout of an anchor that is on screen. */
function locate(anchor: Anchor, layer: Element, origin: DOMRect): { selector: string; box: Box } | null {
  const root = layer.parentElement;
  if (!root) return null;
  for (const selector of anchor) {
    const el = root.querySelector(selector);
    const box = el ? visibleBox(el, layer, origin) : null;
    if (box) return { selector, box };
  }
  return null;
}

interface Drawn {
  key: string;
  move: Move;
  from: string;
  to: string;
  geometry: ReturnType<typeof arrowPath>;
}

/**
 * Draws the moves of the last step as arrows between the readouts (measured in the page), each with
 * a token that travels its length. Redraws (without travelling again) when the page scrolls or
 * resizes; instant under prefers-reduced-motion. With `place`, each arrow's words are moved off the
 * text they would cover (a few hundred hit tests: not while playing fast, when a step is on screen
 * for one frame).
 */
export function drawMoves(
  layer: SVGSVGElement,
  moves: readonly Move[],
  step: number,
  travel: boolean,
  place: boolean,
): void {
  const origin = layer.getBoundingClientRect();
  const drawn: Drawn[] = [];
  moves.forEach((move, n) => {
    const from = locate(move.from, layer, origin);
    const to = locate(move.to, layer, origin);
    if (!from || !to) return;
    drawn.push({
      key: `${step}:${n}`,
      move,
      from: from.selector,
      to: to.selector,
      geometry: arrowPath(from.box, to.box),
    });
  });
  const groups = select(layer)
    .selectAll<SVGGElement, Drawn>('g.move')
    .data(drawn, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'move');
      g.append('path').attr('class', 'move-path');
      g.append('path').attr('class', 'move-head');
      g.append('text').attr('class', 'move-words').attr('text-anchor', 'middle');
      g.append('circle').attr('class', 'move-token').attr('r', 6);
      return g;
    })
    .attr('data-kind', (d) => d.move.kind)
    .attr('data-actor', (d) => d.move.actor)
    .attr('data-from', (d) => d.from)
    .attr('data-to', (d) => d.to)
    .style('--actor', (d) => actorColor(d.move.actor));
  groups.select<SVGPathElement>('path.move-path').attr('d', (d) => d.geometry.path);
  groups.select('path.move-head').attr('d', (d) => d.geometry.head);
  const words = groups
    .select<SVGTextElement>('text.move-words')
    .attr('x', (d) => d.geometry.middle.x)
    .attr('y', (d) => d.geometry.middle.y)
    .text((d) => d.move.words);
  if (place) {
    // Moved off whatever text the middle of the arrow crosses (placeWords.ts).
    const taken: Box[] = [];
    words.each(function (d) {
      const b = this.getBBox();
      const box = { width: b.width, height: b.height, top: b.y - d.geometry.middle.y };
      const p = placeWords(d.geometry, box, origin, taken);
      taken.push(wordsBoxAt(p, box));
      this.setAttribute('x', String(p.x));
      this.setAttribute('y', String(p.y));
    });
  }
  const tokens = groups.select<SVGCircleElement>('circle.move-token');
  const at = (p: { x: number; y: number }) => `translate(${p.x},${p.y})`;
  if (!travel) {
    // Arrived: the token has done its work and hides, so it covers no readout (a journey still
    // running follows the new path by itself).
    tokens
      .filter(function () {
        return !this.hasAttribute('data-travelling');
      })
      .attr('transform', (d) => at(d.geometry.end))
      .attr('opacity', 0);
    layer.setAttribute('data-step', String(step));
    return;
  }
  groups.attr('opacity', 0).transition().duration(150).attr('opacity', 1);
  const journey = tokens
    .attr('data-travelling', '')
    .attr('opacity', 1)
    .attr('transform', (d) => at(d.geometry.start))
    .transition()
    .delay(100)
    .duration(TRAVEL_MS)
    .attrTween('transform', function () {
      const path = this.parentNode?.querySelector<SVGPathElement>('path.move-path') ?? null;
      return (t) => {
        if (!path) return '';
        const p = path.getPointAtLength(t * path.getTotalLength());
        return `translate(${Math.round(p.x)},${Math.round(p.y)})`;
      };
    })
    .on('end', function () {
      this.removeAttribute('data-travelling');
    });
  journey.transition().duration(250).attr('opacity', 0);
  layer.setAttribute('data-step', String(step));
}
