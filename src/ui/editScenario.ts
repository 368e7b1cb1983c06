/** Builds the scenario an edit produces: the new machine, and the recorded actions that still fit it. */
import type { Action, Scenario, ScenarioConfig } from '../engine';

function fits(action: Action, config: ScenarioConfig): boolean {
  switch (action.type) {
    case 'access':
      return action.vcpu < config.vcpus.length;
    case 'set-task':
      return (
        action.vcpu < config.vcpus.length &&
        config.vcpus[action.vcpu].tasks.some((t) => t.name === action.task)
      );
    case 'set-page':
      return config.pages.some((p) => p.gpa === action.gpa);
    case 'pick':
      return (
        config.scheduler === 'manual' &&
        (action.actor === 'host' || Number(action.actor.slice(4)) < config.vcpus.length)
      );
  }
}

export function editedScenario(scenario: Scenario, config: ScenarioConfig): Scenario {
  // User tasks are always preemptible (scenario.md); the form greys the box, this makes it so.
  const vcpus = config.vcpus.map((v) => ({
    tasks: v.tasks.map((t) => (t.mode === 'user' ? { ...t, preemptible: true } : t)),
  }));
  const next: ScenarioConfig = { ...config, vcpus };
  const edited: Scenario = {
    ...scenario,
    config: next,
    actions: scenario.actions.filter((a) => fits(a, next)),
  };
  if (scenario.explore) {
    edited.explore = {
      ...scenario.explore,
      accesses: scenario.explore.accesses.filter((a) => a.vcpu < vcpus.length),
    };
  }
  return edited;
}
