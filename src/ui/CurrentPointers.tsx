import { memo, useMemo } from 'react';
import { scaleBand } from 'd3-scale';

const WIDTH = 400;
const HEIGHT = 30;

/**
 * `guest_current` and `host_current` as arrows onto the slot track: d3's band scale places each
 * slot; React draws the marks (one owner per node).
 */
export const CurrentPointers = memo(function CurrentPointers({
  entries,
  guest,
  host,
}: {
  entries: number;
  guest: number;
  host: number;
}) {
  // The scale and the track depend on the number of entries only; the arrows move.
  const x = useMemo(
    () =>
      scaleBand<number>()
        .domain(Array.from({ length: entries }, (_, j) => j))
        .range([0, WIDTH])
        .paddingInner(0.15),
    [entries],
  );
  const track = useMemo(
    () =>
      x
        .domain()
        .map((j) => (
          <rect key={j} className="track" x={x(j)} y={HEIGHT - 3} width={x.bandwidth()} height={3} />
        )),
    [x],
  );
  // Guest arrow on the left third of its slot, host on the right: both stay visible on one slot.
  const at = (j: number, share: number) => (x(j) ?? 0) + x.bandwidth() * share;
  const arrow = (j: number, y0: number, cls: string, share: number) => {
    const cx = at(j, share);
    return (
      <g className={cls}>
        <line x1={cx} x2={cx} y1={y0} y2={HEIGHT - 6} />
        <path d={`M${cx - 5},${HEIGHT - 8} L${cx + 5},${HEIGHT - 8} L${cx},${HEIGHT} Z`} />
      </g>
    );
  };
  return (
    <svg
      className="pointers"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {track}
      {arrow(guest, 2, 'ptr-guest', 0.33)}
      {arrow(host, 2, 'ptr-host', 0.67)}
    </svg>
  );
});
