/**
 * The geometry of one move on the stage: a gentle curve from the edge of one readout's box to the
 * edge of another's, an arrowhead at its end and the point where its words go. Whole pixels only,
 * so a serialised stage is the same on every run.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface ArrowGeometry {
  path: string;
  head: string;
  start: Point;
  control: Point;
  end: Point;
  middle: Point;
}

const HEAD = 9;

function centre(b: Box): Point {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

function inside(p: Point, b: Box): boolean {
  return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
}

/** Where the ray from the box's centre toward `toward` leaves the box. */
function edge(b: Box, toward: Point): Point {
  const c = centre(b);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const t = Math.min(
    dx === 0 ? Infinity : b.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : b.height / 2 / Math.abs(dy),
  );
  return { x: c.x + dx * Math.min(1, t), y: c.y + dy * Math.min(1, t) };
}

const round = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function arrowPath(from: Box, to: Box): ArrowGeometry {
  const a = centre(from);
  const b = centre(to);
  // A readout inside the other (a fallback to the whole panel): start or end at the centre.
  const start = round(inside(b, from) ? a : edge(from, b));
  const end = round(inside(a, to) ? b : edge(to, a));
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy) || 1;
  // Bend to the left of the way travelled: a move and the move back do not overlap.
  const bend = Math.min(60, length * 0.25);
  const control = round({
    x: (start.x + end.x) / 2 + (dy / length) * bend,
    y: (start.y + end.y) / 2 - (dx / length) * bend,
  });
  const tx = end.x - control.x;
  const ty = end.y - control.y;
  const tl = Math.hypot(tx, ty) || 1;
  const ux = tx / tl;
  const uy = ty / tl;
  const left = round({ x: end.x - ux * HEAD - uy * HEAD * 0.55, y: end.y - uy * HEAD + ux * HEAD * 0.55 });
  const right = round({ x: end.x - ux * HEAD + uy * HEAD * 0.55, y: end.y - uy * HEAD - ux * HEAD * 0.55 });
  const middle = round({
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  });
  return {
    path: `M${start.x},${start.y}Q${control.x},${control.y} ${end.x},${end.y}`,
    head: `M${end.x},${end.y}L${left.x},${left.y}L${right.x},${right.y}Z`,
    start,
    control,
    end,
    middle,
  };
}

/** The point of the arrow's curve at `t` (0: its start, 1: its end), in whole pixels. */
export function pointAt(g: ArrowGeometry, t: number): Point {
  const u = 1 - t;
  return round({
    x: u * u * g.start.x + 2 * u * t * g.control.x + t * t * g.end.x,
    y: u * u * g.start.y + 2 * u * t * g.control.y + t * t * g.end.y,
  });
}
