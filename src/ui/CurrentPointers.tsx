import { memo, useMemo } from 'react';

const WIDTH = 400;
const HEIGHT = 30;

/** Space between two slots, as a share of a slot's step (d3's band scale `paddingInner`). */
const PADDING = 0.15;

/**
 * `guest_current` and `host_current` as arrows onto the slot track: `entries` bands across the
 * width, React draws the marks. The band arithmetic is d3's `scaleBand` with inner padding only,
 * written out so that d3-scale is not part of the first visit (README "Design").
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
  const step = WIDTH / Math.max(1, entries - PADDING);
  const bandwidth = step * (1 - PADDING);
  // The track depends on the number of entries only; the arrows move.
  const track = useMemo(
    () =>
      Array.from({ length: entries }, (_, j) => (
        <rect key={j} className="track" x={j * step} y={HEIGHT - 3} width={bandwidth} height={3} />
      )),
    [entries, step, bandwidth],
  );
  // Guest arrow on the left third of its slot, host on the right: both stay visible on one slot.
  const at = (j: number, share: number) => j * step + bandwidth * share;
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
