/**
 * A Machine for the same configuration with other actions, without compiling the scenario again:
 * pages, tasks and the variant are shared with the machine it comes from (they do not depend on
 * the actions), only the action lists are rebuilt. Null when an action names a gpa the machine
 * has no page for: then the state's page table would change too, and only a full compile will do.
 */
import { gpaValue, type Action, type Machine, type PickAction, type Scenario } from '../engine';

export function withActions(m: Machine, scenario: Scenario): Machine | null {
  const actions: Action[] = [];
  const actionPages: number[] = [];
  const picks = new Map<number, PickAction>();
  for (const a of scenario.actions) {
    if (a.type === 'pick') {
      picks.set(a.at, a);
      continue;
    }
    let page = -1;
    if (a.type === 'access' || a.type === 'set-page') {
      const index = m.pageByValue.get(gpaValue(a.gpa));
      if (index === undefined) return null;
      page = index;
    }
    actions.push(a);
    actionPages.push(page);
  }
  const pickTicks = [...picks.keys()].sort((a, b) => a - b);
  return { ...m, scenario, actions, actionPages, picks, pickTicks };
}
