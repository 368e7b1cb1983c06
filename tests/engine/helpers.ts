/** Shared helpers of the engine tests: load presets, run them with events, query the trace. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/share';
import { runScenario, startRun, step, takeSnapshot } from '../../src/engine';
import type { Report, Scenario, Snapshot, StepLabel, TraceEvent } from '../../src/engine';
import { NAMED_SCENARIOS } from '../../src/share/named';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = join(ROOT, 'public/scenarios');

/** The 17 named scenarios of protocol.md §5, in its order. */
export const NAMED = NAMED_SCENARIOS;

export type PresetName = (typeof NAMED)[number];

/** Every preset file (named scenarios and the playground default), without ".json". */
export function presetNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Validates scenario JSON (an object); throws with the validator's message if it is invalid. */
export function parseOrThrow(input: unknown, what = 'scenario'): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
  return r.scenario;
}

/** The raw JSON of public/scenarios/<name>.json. */
export function presetJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCENARIO_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Loads and validates a preset; fails loudly if it is missing or invalid. */
export function loadPreset(name: string): Scenario {
  return parseOrThrow(presetJson(name), `public/scenarios/${name}.json`);
}

/** A preset with some variant switches changed. */
export function withVariant(scenario: Scenario, variant: Partial<Scenario['config']['variant']>): Scenario {
  return { ...scenario, config: { ...scenario.config, variant: { ...scenario.config.variant, ...variant } } };
}

/** Runs a scenario to its end with events. */
export function run(
  scenario: Scenario,
  maxSteps = 10000,
): Required<Pick<Report, 'events' | 'final'>> & Report {
  const report = runScenario(scenario, { maxSteps, events: true });
  if (!report.events || !report.final) throw new Error('runScenario returned no events or no final snapshot');
  return report as Required<Pick<Report, 'events' | 'final'>> & Report;
}

export function runPreset(name: string): ReturnType<typeof run> {
  return run(loadPreset(name));
}

/** Events of one actor ("vcpu0", "host", or undefined for all) and kind. */
export function eventsOf(
  report: { events: TraceEvent[] },
  actor: string | undefined,
  kind: StepLabel,
): TraceEvent[] {
  return report.events.filter((e) => (actor === undefined || e.actor === actor) && e.kind === kind);
}

/** The first event matching, or a thrown error naming what was looked for. */
export function firstOf(
  report: { events: TraceEvent[] },
  actor: string | undefined,
  kind: StepLabel,
): TraceEvent {
  const e = report.events.find((x) => (actor === undefined || x.actor === actor) && x.kind === kind);
  if (!e) throw new Error(`no ${kind} event${actor ? ` on ${actor}` : ''}`);
  return e;
}

/** The invariants broken in a report, deduplicated and sorted. */
export function broken(report: Pick<Report, 'violations'>): string[] {
  return [...new Set(report.violations.map((v) => v.invariant))].sort();
}

/** The trace as compact text ("12 vcpu0 ve.cc.wait {...}"), for failure messages. */
export function traceText(events: TraceEvent[]): string {
  return events.map((e) => `${e.step} ${e.actor} ${e.kind} ${JSON.stringify(e.detail)}`).join('\n');
}

/**
 * Steps a scenario one step at a time and returns, for each executed event, the snapshot taken
 * right after it (so `snapshots[i]` is the machine just after `events[i]`).
 */
export function stepwise(scenario: Scenario, maxSteps = 10000): { events: TraceEvent[]; after: Snapshot[] } {
  const r = startRun(scenario);
  const events: TraceEvent[] = [];
  const after: Snapshot[] = [];
  while (r.state.tick < maxSteps) {
    const before = events.length;
    const more = step(r, events);
    for (let i = before; i < events.length; i++) after.push(takeSnapshot(r));
    if (!more) break;
  }
  return { events, after };
}
