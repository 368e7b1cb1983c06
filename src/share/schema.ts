/**
 * The scenario format v1 of scenario.md, validated with zod/mini (zod's tree-shakable functional
 * API: the same checks and issues as classic zod at a fraction of the bundle size).
 *
 * `parseScenario` turns untrusted JSON (a file, a URL payload, stdin) into the engine's `Scenario`
 * with every default filled in, or into one message that names the offending field:
 *
 *   invalid scenario: config.vcpus[0].tasks[1]: unknown field "preemptable"
 *   invalid scenario: actions[3].vcpu: vCPU 5 out of range (2 vCPUs)
 *
 * Validation happens in three stages: cheap pre-checks on the raw value (shape, format, version,
 * array lengths — so a hostile payload with 10^6 entries is refused before any per-element work),
 * the zod schema (types, ranges, unknown fields, defaults), then the cross-field rules of
 * scenario.md (names, ranges, order, picks).
 */
import * as z from 'zod/mini';
import { DEFAULT_VARIANT, gpaValue } from '../engine/scenario';
import type { Action, Scenario } from '../engine/scenario';
import {
  DEFAULT_CONFIG,
  DEFAULT_LATENCY,
  DEFAULT_MAX_STATES,
  LIMITS,
  describeValue,
  gpaProblem,
} from './limits';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
import { migrateScenario } from './migrate';

export { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';

export {
  DEFAULT_CONFIG,
  DEFAULT_LATENCY,
  DEFAULT_MAX_STATES,
  LIMITS,
  describeValue,
  gpaProblem,
} from './limits';

// ---------------------------------------------------------------------------------------------
// Field schemas

const gpaSchema = z.string().check(
  z.superRefine((gpa, ctx) => {
    const problem = gpaProblem(gpa);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** An integer in [min, max] (zod/mini spells `.min().max()` as checks). */
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** A string of [min, max] characters. */
const stringOf = (min: number, max: number) =>
  min > 0 ? z.string().check(z.minLength(min), z.maxLength(max)) : z.string().check(z.maxLength(max));
const flag = (value: boolean) => z._default(z.boolean(), value);

const stepSchema = intIn(0, LIMITS.maxStep);
const latencySchema = intIn(0, LIMITS.maxLatency);
const vcpuIndexSchema = intIn(0, LIMITS.maxVcpus - 1);
const backingSchema = z.enum(['present', 'swapped', 'lost']);
const modeSchema = z.enum(['user', 'kernel']);

const variantSchema = z._default(
  z.strictObject({
    injectWhen: z._default(z.enum(['if1', 'always']), DEFAULT_VARIANT.injectWhen),
    reentrancyClear: z._default(z.enum(['after-hypercall', 'at-entry']), DEFAULT_VARIANT.reentrancyClear),
    bitmapFullCheck: flag(DEFAULT_VARIANT.bitmapFullCheck),
    migrateOnWake: flag(DEFAULT_VARIANT.migrateOnWake),
    tifInVeClear: z._default(z.enum(['always', 'owner']), DEFAULT_VARIANT.tifInVeClear),
    smClear: z._default(z.enum(['after-hypercall', 'after-release']), DEFAULT_VARIANT.smClear),
  }),
  () => ({ ...DEFAULT_VARIANT }),
);

// preemptible and irqsOff are kept as written for every task; they act in kernel mode only
// (protocol.md rule 6.16), so a set-task that makes a user task kernel uses them.
const taskSchema = z.strictObject({
  name: stringOf(1, LIMITS.maxTaskName),
  mode: z._default(modeSchema, 'user'),
  preemptible: flag(true),
  irqsOff: flag(false),
  fixup: flag(false),
});

const vcpuSchema = z.strictObject({
  tasks: z.array(taskSchema).check(z.maxLength(LIMITS.maxTasksPerVcpu)), // a vCPU without tasks idles (HLT)
});

const pageSchema = z.pipe(
  z.strictObject({
    gpa: gpaSchema,
    backing: backingSchema,
    latency: z.optional(latencySchema),
    suppressVe: flag(false),
  }),
  z.transform((page) => ({
    gpa: page.gpa,
    backing: page.backing,
    latency: page.latency ?? DEFAULT_LATENCY[page.backing],
    suppressVe: page.suppressVe,
  })),
);

const configSchema = z.strictObject({
  entries: z._default(intIn(1, LIMITS.maxEntries), DEFAULT_CONFIG.entries),
  seed: z._default(intIn(0, LIMITS.maxSeed), DEFAULT_CONFIG.seed),
  scheduler: z._default(z.enum(['round-robin', 'random', 'manual']), DEFAULT_CONFIG.scheduler),
  timing: z._default(z.enum(['latency', 'free']), DEFAULT_CONFIG.timing),
  variant: variantSchema,
  vcpus: z.array(vcpuSchema).check(z.minLength(1), z.maxLength(LIMITS.maxVcpus)),
  pages: z._default(z.array(pageSchema).check(z.maxLength(LIMITS.maxPages)), () => []),
});

const accessActionSchema = z.strictObject({
  at: stepSchema,
  type: z.literal('access'),
  vcpu: vcpuIndexSchema,
  gpa: gpaSchema,
});

const setTaskActionSchema = z.strictObject({
  at: stepSchema,
  type: z.literal('set-task'),
  vcpu: vcpuIndexSchema,
  task: stringOf(1, LIMITS.maxTaskName),
  mode: z.optional(modeSchema),
  preemptible: z.optional(z.boolean()),
  irqsOff: z.optional(z.boolean()),
  fixup: z.optional(z.boolean()),
});

const setPageActionSchema = z.strictObject({
  at: stepSchema,
  type: z.literal('set-page'),
  gpa: gpaSchema,
  backing: z.optional(backingSchema),
  latency: z.optional(latencySchema),
  suppressVe: z.optional(z.boolean()),
});

const pickActionSchema = z.strictObject({
  at: stepSchema,
  type: z.literal('pick'),
  actor: stringOf(0, 16),
  pageIn: z.optional(gpaSchema),
});

const actionSchema = z.discriminatedUnion('type', [
  accessActionSchema,
  setTaskActionSchema,
  setPageActionSchema,
  pickActionSchema,
]);

const exploreSchema = z.strictObject({
  accesses: z
    .array(
      z.strictObject({
        vcpu: vcpuIndexSchema,
        gpa: gpaSchema,
        times: z._default(intIn(1, LIMITS.maxTimes), 1),
      }),
    )
    .check(z.maxLength(LIMITS.maxExploreAccesses)),
  maxStates: z._default(intIn(1, LIMITS.maxStates), DEFAULT_MAX_STATES),
});

/** The whole scenario, without the cross-field rules (see `parseScenario`). */
const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  title: z.optional(stringOf(0, LIMITS.maxTitle)),
  description: z.optional(stringOf(0, LIMITS.maxDescription)),
  narration: z.optional(
    z
      .array(z.strictObject({ at: stepSchema, text: stringOf(0, LIMITS.maxNarrationText) }))
      .check(z.maxLength(LIMITS.maxNarration)),
  ),
  config: configSchema,
  actions: z._default(z.array(actionSchema).check(z.maxLength(LIMITS.maxActions)), () => []),
  explore: z.optional(exploreSchema),
});

/** What a scenario file may contain (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

// Type-level contract: the schema's output is exactly the engine's `Scenario`, both ways.
type AssertAssignable<From extends To, To> = [From, To];
export type SchemaMatchesEngine = [
  AssertAssignable<z.output<typeof scenarioSchema>, Scenario>,
  AssertAssignable<Scenario, z.output<typeof scenarioSchema>>,
  AssertAssignable<Scenario, ScenarioInput>,
];

// ---------------------------------------------------------------------------------------------
// Parsing

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

interface Problem {
  path: readonly PropertyKey[];
  message: string;
}

const MAX_REPORTED = 3;

/** Validates untrusted input (already JSON-parsed) into a complete `Scenario`. Never throws. */
export function parseScenario(input: unknown): ParseResult {
  try {
    // Durable links: an older version is migrated first; a newer one is refused plainly (migrate.ts).
    const migrated = migrateScenario(input);
    if (!migrated.ok) return fail([{ path: ['version'], message: migrated.message }]);
    input = migrated.value;
    const early = preCheck(input);
    if (early) return fail([early]);

    const parsed = scenarioSchema.safeParse(input, { reportInput: true, error: issueMessage });
    if (!parsed.success) {
      return fail(parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
    }
    const scenario: Scenario = parsed.data;
    const problems = crossCheck(scenario);
    if (problems.length > 0) return fail(problems);
    return { ok: true, scenario };
  } catch (error) {
    // Defensive: a validator must turn anything into a message (e.g. a stack overflow on absurd nesting).
    return {
      ok: false,
      message: `invalid scenario: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Parses JSON text, then validates it. Never throws. */
export function parseScenarioJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `invalid scenario: not valid JSON (${why})` };
  }
  return parseScenario(value);
}

/** Formats the path of a field the way users write it: `config.vcpus[0].tasks[1]`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function fail(problems: readonly Problem[]): { ok: false; message: string } {
  const shown = problems.slice(0, MAX_REPORTED).map((p) => {
    const path = formatPath(p.path);
    return path === '' ? p.message : `${path}: ${p.message}`;
  });
  const more = problems.length > MAX_REPORTED ? ` (and ${problems.length - MAX_REPORTED} more)` : '';
  return { ok: false, message: `invalid scenario: ${shown.join('; ')}${more}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that are cheap and must come first: what the thing is, and the sizes of big arrays. */
function preCheck(input: unknown): Problem | null {
  if (!isRecord(input)) {
    return { path: [], message: `expected a scenario object, got ${describeValue(input)}` };
  }
  if (input.format !== SCENARIO_FORMAT) {
    return {
      path: ['format'],
      message:
        input.format === undefined
          ? `required field missing (expected "${SCENARIO_FORMAT}")`
          : `expected "${SCENARIO_FORMAT}", got ${describeValue(input.format)}`,
    };
  }
  if (input.version !== SCENARIO_VERSION) {
    const v = input.version;
    if (typeof v === 'number' && Number.isFinite(v) && v > SCENARIO_VERSION) {
      return {
        path: ['version'],
        message:
          `version ${v} is not supported: this VE Playground reads version ${SCENARIO_VERSION}; ` +
          `the link or file comes from a newer release of VE Playground`,
      };
    }
    return {
      path: ['version'],
      message:
        v === undefined
          ? `required field missing (this VE Playground reads version ${SCENARIO_VERSION})`
          : `unsupported version ${describeValue(v)}: this VE Playground reads version ${SCENARIO_VERSION}`,
    };
  }
  const sizes: [readonly string[], unknown, number][] = [
    [['actions'], input.actions, LIMITS.maxActions],
    [['narration'], input.narration, LIMITS.maxNarration],
  ];
  if (isRecord(input.config)) {
    sizes.push([['config', 'vcpus'], input.config.vcpus, LIMITS.maxVcpus]);
    sizes.push([['config', 'pages'], input.config.pages, LIMITS.maxPages]);
  }
  if (isRecord(input.explore)) {
    sizes.push([['explore', 'accesses'], input.explore.accesses, LIMITS.maxExploreAccesses]);
  }
  for (const [path, value, max] of sizes) {
    if (Array.isArray(value) && value.length > max) {
      return { path, message: `too many entries: ${value.length} (at most ${max})` };
    }
  }
  return null;
}

/** The cross-field rules of scenario.md "Validation". */
function crossCheck(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const { vcpus, pages, scheduler, timing } = s.config;
  const vcpuCount = vcpus.length;
  const vcpuRange = (vcpu: number, path: PropertyKey[]): void => {
    if (vcpu >= vcpuCount) {
      problems.push({
        path,
        message: `vCPU ${vcpu} out of range (${vcpuCount} vCPU${vcpuCount === 1 ? '' : 's'})`,
      });
    }
  };

  vcpus.forEach((vcpu, v) => {
    const seen = new Set<string>();
    vcpu.tasks.forEach((task, t) => {
      if (seen.has(task.name)) {
        problems.push({
          path: ['config', 'vcpus', v, 'tasks', t, 'name'],
          message: `duplicate task name "${task.name}" on vCPU ${v}`,
        });
      }
      seen.add(task.name);
    });
  });

  const declared = new Set<number>();
  pages.forEach((page, p) => {
    const value = gpaValue(page.gpa);
    if (declared.has(value)) {
      problems.push({ path: ['config', 'pages', p, 'gpa'], message: `duplicate page ${page.gpa}` });
    }
    declared.add(value);
  });

  const picksAt = new Set<number>();
  s.actions.forEach((action: Action, i) => {
    const at: PropertyKey[] = ['actions', i];
    if (i > 0 && action.at < s.actions[i - 1].at) {
      problems.push({
        path: [...at, 'at'],
        message: `actions must be sorted by "at" (step ${action.at} after step ${s.actions[i - 1].at})`,
      });
    }
    switch (action.type) {
      case 'access':
        vcpuRange(action.vcpu, [...at, 'vcpu']);
        break;
      case 'set-task':
        if (action.vcpu >= vcpuCount) vcpuRange(action.vcpu, [...at, 'vcpu']);
        else if (!vcpus[action.vcpu].tasks.some((task) => task.name === action.task)) {
          problems.push({
            path: [...at, 'task'],
            message: `no task "${action.task}" on vCPU ${action.vcpu}`,
          });
        }
        break;
      case 'set-page':
        if (!declared.has(gpaValue(action.gpa))) {
          problems.push({
            path: [...at, 'gpa'],
            message: `page ${action.gpa} is not declared in config.pages`,
          });
        }
        break;
      case 'pick': {
        if (scheduler !== 'manual') {
          problems.push({
            path: [...at, 'type'],
            message: `"pick" needs config.scheduler "manual" (it is "${scheduler}")`,
          });
        }
        if (picksAt.has(action.at)) {
          problems.push({ path: [...at, 'at'], message: `more than one pick at step ${action.at}` });
        }
        picksAt.add(action.at);
        const match = /^vcpu(0|[1-9][0-9]*)$/.exec(action.actor);
        if (action.actor !== 'host' && !match) {
          problems.push({
            path: [...at, 'actor'],
            message: `expected "host" or "vcpu<i>", got ${describeValue(action.actor)}`,
          });
        } else if (match && Number(match[1]) >= vcpuCount) {
          vcpuRange(Number(match[1]), [...at, 'actor']);
        }
        if (action.pageIn !== undefined) {
          if (timing !== 'free') {
            problems.push({
              path: [...at, 'pageIn'],
              message: `"pageIn" needs config.timing "free" (it is "${timing}")`,
            });
          } else if (action.actor !== 'host') {
            problems.push({
              path: [...at, 'pageIn'],
              message: `"pageIn" is only allowed on a pick of "host"`,
            });
          } else if (!declared.has(gpaValue(action.pageIn))) {
            problems.push({
              path: [...at, 'pageIn'],
              message: `page ${action.pageIn} is not declared in config.pages`,
            });
          }
        }
        break;
      }
    }
  });

  s.explore?.accesses.forEach((access, i) => vcpuRange(access.vcpu, ['explore', 'accesses', i, 'vcpu']));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Messages

type RawIssue = z.core.$ZodRawIssue;

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

/** Per-parse error map: a message in words for every zod issue (schema-level messages win). */
function issueMessage(issue: RawIssue): string {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys;
      return keys.length === 1 ? `unknown field "${keys[0]}"` : `unknown fields ${quoteAll(keys)}`;
    }
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'an integer' : issue.expected;
      if (input === undefined) return `required field missing (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(input)}`;
    }
    case 'invalid_value':
      if (input === undefined) return `required field missing (expected ${quoteAll(issue.values)})`;
      return issue.values.length === 1
        ? `expected ${quoteAll(issue.values)}, got ${describeValue(input)}`
        : `expected one of ${quoteAll(issue.values)}, got ${describeValue(input)}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const got = isRecord(input) ? input[issue.discriminator] : undefined;
        return got === undefined
          ? `required field missing (expected one of ${quoteAll(options)})`
          : `expected one of ${quoteAll(options)}, got ${describeValue(got)}`;
      }
      return 'does not match any allowed form';
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return `must not be empty`;
      return `must be at least ${String(issue.minimum)}, got ${describeValue(input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `too many entries (at most ${String(issue.maximum)})`;
      if (issue.origin === 'string') return `too long (at most ${String(issue.maximum)} characters)`;
      return `must be at most ${String(issue.maximum)}, got ${describeValue(input)}`;
    default:
      return issue.message ?? `invalid value (${issue.code ?? 'unknown problem'})`;
  }
}
