/**
 * A click (a page access or a manual-scheduler pick) as an edit of the scenario's actions, and
 * its exact inverse for undo. The worker's run owner makes the edits; the EngineClient replays
 * the same edits on its copy of the scenario, so a click never sends the whole scenario back.
 *
 * The check covers only the new action (the rest of the scenario was validated when it loaded):
 * the same rules parseScenario applies to one action (scenario.md), against this configuration.
 */
import type { AccessAction, Action, PickAction, Scenario } from '../engine';
import { gpaProblem, LIMITS } from '../share/limits';

/** A recorded click: `action` went in at `index` in place of `removed` (the dropped future, or a replaced pick). */
export interface ClickRecord {
  action: AccessAction | PickAction;
  index: number;
  removed: Action[];
  /** Whether the run had been moved backwards before the click (restored by undo). */
  rewound: boolean;
}

/** Why `action` cannot be recorded in `scenario`, or null. */
export function clickProblem(scenario: Scenario, action: AccessAction | PickAction): string | null {
  const vcpus = scenario.config.vcpus.length;
  if (!Number.isInteger(action.at) || action.at < 0 || action.at > LIMITS.maxStep)
    return `a click at step ${action.at} is outside 0…${LIMITS.maxStep}`;
  if (scenario.actions.length >= LIMITS.maxActions)
    return `the scenario already has ${LIMITS.maxActions} actions, the most a scenario may have`;
  if (action.type === 'access') {
    if (!Number.isInteger(action.vcpu) || action.vcpu < 0 || action.vcpu >= vcpus)
      return `vCPU ${action.vcpu} out of range (${vcpus} vCPUs)`;
    return gpaProblem(action.gpa);
  }
  if (scenario.config.scheduler !== 'manual')
    return `"pick" needs config.scheduler "manual" (it is "${scenario.config.scheduler}")`;
  const match = /^vcpu(0|[1-9][0-9]*)$/.exec(action.actor);
  if (action.actor !== 'host' && !match) return `expected "host" or "vcpu<i>", got "${action.actor}"`;
  if (match && Number(match[1]) >= vcpus) return `${action.actor} out of range (${vcpus} vCPUs)`;
  if (action.pageIn !== undefined) {
    if (action.actor !== 'host') return '"pageIn" is only allowed on a pick of "host"';
    return gpaProblem(action.pageIn);
  }
  return null;
}

/**
 * Where a click at its step goes. After a move backwards the recorded future (every action at
 * this step or later) is dropped: the user writes a new timeline. Otherwise the click goes after
 * the actions of its step, and a pick replaces the pick already recorded for the step.
 */
export function placeClick(
  actions: readonly Action[],
  action: AccessAction | PickAction,
  rewound: boolean,
): ClickRecord {
  const at = action.at;
  const firstAfter = (pred: (a: Action) => boolean) => {
    const i = actions.findIndex(pred);
    return i < 0 ? actions.length : i;
  };
  if (rewound) {
    const index = firstAfter((a) => a.at >= at);
    return { action, index, removed: actions.slice(index), rewound };
  }
  const replaced = action.type === 'pick' ? actions.findIndex((a) => a.type === 'pick' && a.at === at) : -1;
  if (replaced >= 0) return { action, index: replaced, removed: [actions[replaced]!], rewound };
  return { action, index: firstAfter((a) => a.at > at), removed: [], rewound };
}

/** The actions after the click. */
export function applyClick(actions: readonly Action[], click: ClickRecord): Action[] {
  const next = actions.slice(0, click.index);
  next.push(click.action);
  for (let i = click.index + click.removed.length; i < actions.length; i++) next.push(actions[i]!);
  return next;
}

/** The actions before the click (its exact inverse); null when `actions` is not what the click made. */
export function undoClick(actions: readonly Action[], click: ClickRecord): Action[] | null {
  const placed = actions[click.index];
  if (!placed || JSON.stringify(placed) !== JSON.stringify(click.action)) return null;
  const next = actions.slice(0, click.index);
  next.push(...click.removed);
  for (let i = click.index + 1; i < actions.length; i++) next.push(actions[i]!);
  return next;
}
