/**
 * The shortest JSON that parses back to the same scenario: every field equal to its default is
 * left out, so shared URLs stay short. `parseScenario(toMinimalJson(s))` equals `s`.
 */
import { DEFAULT_VARIANT } from '../engine/scenario';
import type { Action, PageConfig, Scenario, TaskConfig, Variant } from '../engine/scenario';
import { DEFAULT_CONFIG, DEFAULT_LATENCY, DEFAULT_MAX_STATES } from './limits';
import type { ScenarioInput } from './schema';

type TaskInput = ScenarioInput['config']['vcpus'][number]['tasks'][number];
type PageInput = NonNullable<ScenarioInput['config']['pages']>[number];
type ConfigInput = ScenarioInput['config'];

function minimalTask(task: TaskConfig): TaskInput {
  const out: TaskInput = { name: task.name };
  if (task.mode !== 'user') out.mode = task.mode;
  // Kept for user tasks too: it acts once a set-task makes the task kernel (rule 6.16).
  if (!task.preemptible) out.preemptible = false;
  if (task.irqsOff) out.irqsOff = true;
  if (task.fixup) out.fixup = true;
  return out;
}

function minimalPage(page: PageConfig): PageInput {
  const out: PageInput = { gpa: page.gpa, backing: page.backing };
  if (page.latency !== DEFAULT_LATENCY[page.backing]) out.latency = page.latency;
  if (page.suppressVe) out.suppressVe = true;
  return out;
}

function minimalVariant(variant: Variant): Partial<Variant> | undefined {
  const out: Partial<Variant> = {};
  let any = false;
  for (const key of Object.keys(DEFAULT_VARIANT) as (keyof Variant)[]) {
    if (variant[key] !== DEFAULT_VARIANT[key]) {
      (out as Record<keyof Variant, unknown>)[key] = variant[key];
      any = true;
    }
  }
  return any ? out : undefined;
}

/** A copy of an action without `undefined` optional fields (JSON would drop them anyway). */
function minimalAction(action: Action): Action {
  const out = { ...action };
  for (const key of Object.keys(out) as (keyof typeof out)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

export function toMinimalJson(scenario: Scenario): ScenarioInput {
  const c = scenario.config;
  const config: ConfigInput = {
    vcpus: c.vcpus.map((vcpu) => ({ tasks: vcpu.tasks.map(minimalTask) })),
  };
  if (c.entries !== DEFAULT_CONFIG.entries) config.entries = c.entries;
  if (c.seed !== DEFAULT_CONFIG.seed) config.seed = c.seed;
  if (c.scheduler !== DEFAULT_CONFIG.scheduler) config.scheduler = c.scheduler;
  if (c.timing !== DEFAULT_CONFIG.timing) config.timing = c.timing;
  const variant = minimalVariant(c.variant);
  if (variant) config.variant = variant;
  if (c.pages.length > 0) config.pages = c.pages.map(minimalPage);

  // Key order as in scenario.md, so files written from this read naturally.
  const out: ScenarioInput = {
    format: scenario.format,
    version: scenario.version,
    ...(scenario.title !== undefined && { title: scenario.title }),
    ...(scenario.description !== undefined && { description: scenario.description }),
    ...(scenario.narration !== undefined && {
      narration: scenario.narration.map((n) => ({ at: n.at, text: n.text })),
    }),
    config,
  };
  if (scenario.actions.length > 0) out.actions = scenario.actions.map(minimalAction);
  if (scenario.explore !== undefined) {
    const explore: NonNullable<ScenarioInput['explore']> = {
      accesses: scenario.explore.accesses.map((a) =>
        a.times === 1 ? { vcpu: a.vcpu, gpa: a.gpa } : { vcpu: a.vcpu, gpa: a.gpa, times: a.times },
      ),
    };
    if (scenario.explore.maxStates !== DEFAULT_MAX_STATES) explore.maxStates = scenario.explore.maxStates;
    out.explore = explore;
  }
  return out;
}

/** `toMinimalJson` as text: compact by default, indented with `space` for files. */
export function toMinimalJsonText(scenario: Scenario, space?: number): string {
  return JSON.stringify(toMinimalJson(scenario), null, space);
}
