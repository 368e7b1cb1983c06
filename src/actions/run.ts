/** Runs an action if it is enabled — the one check buttons, keys and embed commands share. */
import type { Playground } from '../playground/createPlaygroundStore';
import type { Action } from './types';

/** null when it ran, else the reason it did not. */
export function runAction(action: Action, playground: Pick<Playground, 'store' | 'actions'>): string | null {
  const state = playground.store.getState();
  const enabled = action.enabled(state);
  if (enabled !== true) return enabled;
  action.perform(playground.actions, state);
  return null;
}
