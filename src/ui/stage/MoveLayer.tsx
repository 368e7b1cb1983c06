import { useEffect, useMemo, useRef } from 'react';
import { useApp } from '../../store/appStore';
import { lastStepEvents } from '../teach/explanations';
import { movesOf, type Move } from './flow';
import { prefersReducedMotion } from './motion';
import './stage.css';

type DrawMoves = typeof import('./drawMoves').drawMoves;
let drawing: Promise<DrawMoves> | null = null;
/** The drawing chunk, fetched once, the first time there is something to draw. */
function loadDrawMoves(): Promise<DrawMoves> {
  drawing ??= import('./drawMoves').then((m) => m.drawMoves);
  return drawing;
}
let drawMoves: DrawMoves | null = null;

/** Draws now when the chunk is there (or nothing moved, and nothing was ever drawn), else once it is. */
function draw(
  layer: SVGSVGElement,
  moves: readonly Move[],
  step: number,
  travel: boolean,
  place: boolean,
  live: () => boolean,
) {
  if (drawMoves) return drawMoves(layer, moves, step, travel, place);
  if (moves.length === 0) {
    layer.setAttribute('data-step', String(step));
    return;
  }
  loadDrawMoves().then(
    (loaded) => {
      drawMoves = loaded;
      if (live()) loaded(layer, moves, step, travel, place);
    },
    () => {
      // Offline after the first paint: no arrows this step; the next step tries again.
      drawing = null;
    },
  );
}

/**
 * The stage's movement layer: an SVG over the machine (it takes no clicks and hides nothing from
 * hit tests) that shows what the last step moved — page → VE info, VE info → info[idx],
 * info[idx] → host, host → queue, queue → host_current, info[idx] → the woken task.
 */
export function MoveLayer() {
  const step = useApp((s) => s.step);
  const events = useApp((s) => s.events);
  // Playing fast, a journey would never arrive: the arrows are drawn, the tokens do not travel.
  const fast = useApp((s) => s.playing && (s.speed === 'max' || s.speed > 8));
  const moves = useMemo(() => lastStepEvents(events, step).flatMap(movesOf), [events, step]);
  const layer = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const el = layer.current;
    if (!el) return;
    // In the frame after the step's own paint: the state a click asked for is on screen first,
    // and the arrows measure a settled layout (the code panel folds itself in a layout effect).
    let first = true;
    let live = true;
    const isLive = () => live;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        first = false;
        draw(el, moves, step, !fast && !prefersReducedMotion(), !fast, isLive);
      });
    });
    const redraw = () => {
      // Before the first draw there is nothing to move: it measures the page itself.
      if (first) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => draw(el, moves, step, false, !fast, isLive));
    };
    const resize = new ResizeObserver(redraw);
    if (el.parentElement) resize.observe(el.parentElement);
    document.addEventListener('scroll', redraw, true);
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      resize.disconnect();
      document.removeEventListener('scroll', redraw, true);
    };
  }, [moves, step, fast]);
  return <svg ref={layer} className="move-layer" aria-hidden="true" data-testid="stage-moves" />;
}
