/**
 * The engine's public face. Pure and deterministic: same scenario in, same trace out, in the
 * worker, in Node and in tests.
 *
 *   const run = startRun(scenario);        // state at step 0
 *   step(run, events);                     // idle ticks (at once), then exactly one executed step
 *   advanceTo(run, tick, events);          // run to a tick; idle stretches cost O(1)
 *   takeSnapshot(run);                     // what views read
 *   runScenario(scenario, { maxSteps });   // the CLI report of scenario.md
 */
export * from './scenario';
export * from './labels';
export * from './snapshot';
export * from './variants';
export {
  startRun,
  tick,
  tickOnce,
  step,
  advanceTo,
  takeSnapshot,
  runScenario,
  cloneRun,
  hashRun,
} from './run';
export type { Run, RunOptions } from './run';

// The machine level, for the explorer: compile once, then clone / apply / execute states directly.
export { compile, initialState, pageIndex } from './machine';
export type { Machine } from './machine';
export { cloneState } from './clone';
export type { State } from './state';
export { enabledActors, execute, applyAccess, beginTick, actorName, nextLabel, restOutcome } from './run';
export { mayYield } from './vcpu';
export { pageInChoices } from './host';
export { seededRandom } from './prng';
