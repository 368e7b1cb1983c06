/**
 * Idle stretches in O(1). After an idle tick (nobody could step, work still pending) the machine
 * cannot change until the next scenario action, the next page-in that becomes ready (latency
 * timing) or the next pick (manual scheduler) is due: every tick in between is idle too and
 * changes nothing but the clock. So the clock may jump there at once, with exactly the state that
 * ticking through the stretch would leave. Written on the engine's exports (src/engine is not ours).
 */
import type { Machine, State } from '../engine';

/** The first tick ≥ s.tick at which an idle machine can change; Infinity if it never can. */
export function nextBusyTick(m: Machine, s: State): number {
  let next = Infinity;
  const action = m.actions[s.nextAction];
  if (action) next = action.at;
  if (m.timing === 'latency')
    for (const r of s.resolutions) if (!r.finished && r.readyAt >= 0) next = Math.min(next, r.readyAt);
  if (m.scheduler === 'manual') for (const at of m.picks.keys()) if (at >= s.tick && at < next) next = at;
  return Math.max(next, s.tick);
}

/**
 * Call right after a tick returned 'idle': moves the clock to the next tick where something can
 * happen, but not beyond `limit` (a machine that can never change again just lets its clock run to
 * `limit`). Returns the number of ticks skipped.
 */
export function skipIdle(m: Machine, s: State, limit: number): number {
  const to = Math.min(nextBusyTick(m, s), limit);
  if (!Number.isFinite(to) || to <= s.tick) return 0;
  const skipped = to - s.tick;
  s.tick = to;
  return skipped;
}
