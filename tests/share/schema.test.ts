import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VARIANT } from '../../src/engine/scenario';
import type { Scenario } from '../../src/engine/scenario';
import { parseScenario, parseScenarioJson, toMinimalJson, toMinimalJsonText } from '../../src/share';
import { DELETE, edit } from './edit';
import { FULL, TINY } from './fixtures';

function ok(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(`expected a valid scenario, got: ${result.message}`);
  return result.scenario;
}

function message(input: unknown): string {
  const result = parseScenario(input);
  if (result.ok) throw new Error('expected the scenario to be refused');
  expect(result.message).toMatch(/^invalid scenario: /);
  return result.message;
}

const tiny = (...changes: [string, unknown][]): unknown => edit(TINY, ...changes);

describe('parseScenario: defaults', () => {
  it('fills every default of scenario.md', () => {
    const s = ok(TINY);
    expect(s.config).toEqual({
      entries: 4,
      seed: 1,
      scheduler: 'round-robin',
      timing: 'latency',
      variant: DEFAULT_VARIANT,
      vcpus: [{ tasks: [{ name: 'app', mode: 'user', preemptible: true, irqsOff: false, fixup: false }] }],
      pages: [{ gpa: '0x2000', backing: 'swapped', latency: 10, suppressVe: false }],
    });
    expect(s.actions).toEqual([{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }]);
    expect(s.title).toBeUndefined();
    expect(s.explore).toBeUndefined();
    // The default variant is a fresh object, not the engine's constant.
    expect(s.config.variant).not.toBe(DEFAULT_VARIANT);
  });

  it('fills page latency per backing, explore defaults, and keeps the preemptible of a user task (rule 6.16)', () => {
    const s = ok(
      tiny(
        [
          'config.pages',
          [
            { gpa: '0x1000', backing: 'present' },
            { gpa: '0x2000', backing: 'swapped' },
            { gpa: '0x3000', backing: 'lost' },
          ],
        ],
        [
          'config.vcpus.0.tasks',
          [
            { name: 'app', mode: 'user', preemptible: false },
            { name: 'k', mode: 'kernel' },
          ],
        ],
        ['explore', { accesses: [{ vcpu: 0, gpa: '0x2000' }] }],
      ),
    );
    expect(s.config.pages.map((p) => p.latency)).toEqual([0, 10, 0]);
    expect(s.config.vcpus[0].tasks[0].preemptible).toBe(false);
    expect(s.config.vcpus[0].tasks[1]).toEqual({
      name: 'k',
      mode: 'kernel',
      preemptible: true,
      irqsOff: false,
      fixup: false,
    });
    expect(s.explore).toEqual({ accesses: [{ vcpu: 0, gpa: '0x2000', times: 1 }], maxStates: 1_000_000 });
  });

  it('accepts the full example and keeps non-defaults', () => {
    const s = ok(FULL);
    expect(s.config.variant).toEqual({ ...DEFAULT_VARIANT, injectWhen: 'always', smClear: 'after-release' });
    expect(s.actions).toHaveLength(8);
    expect(s.config.pages[4].gpa).toBe('0xABC000');
  });

  it('keeps a <script> title as plain text', () => {
    const title = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    expect(ok(tiny(['title', title])).title).toBe(title);
  });
});

describe('JSON round trip', () => {
  it.each([
    ['full', FULL],
    ['tiny', TINY],
  ])('%s: parse → toMinimalJson → parse gives an equal scenario', (_name, input) => {
    const first = ok(input);
    const minimal = toMinimalJson(first);
    const again = ok(JSON.parse(JSON.stringify(minimal)));
    expect(again).toEqual(first);
    expect(ok(JSON.parse(toMinimalJsonText(first, 2)))).toEqual(first);
  });

  it('drops defaults', () => {
    const minimal = toMinimalJson(ok(TINY));
    expect(minimal).toEqual({
      format: 've-playground/scenario',
      version: 1,
      config: { vcpus: [{ tasks: [{ name: 'app' }] }], pages: [{ gpa: '0x2000', backing: 'swapped' }] },
      actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
    });
  });

  it('does not mutate its input', () => {
    const s = ok(FULL);
    const before = JSON.stringify(s);
    toMinimalJson(s);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('every preset in public/scenarios parses and round-trips', () => {
    const dir = join(__dirname, '../../public/scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const result = parseScenarioJson(readFileSync(join(dir, file), 'utf8'));
      expect(result.ok ? 'ok' : `${file}: ${result.message}`).toBe('ok');
      if (result.ok) expect(ok(toMinimalJson(result.scenario))).toEqual(result.scenario);
    }
  });
});

describe('parseScenario: refusals name the field', () => {
  it('refuses non-objects and bad JSON', () => {
    expect(message(null)).toContain('expected a scenario object');
    expect(message([])).toContain('expected a scenario object');
    expect(message('{"format"')).toContain('expected a scenario object');
    const bad = parseScenarioJson('{"format": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^invalid scenario: not valid JSON/);
  });

  it('unknown field, at any depth', () => {
    expect(message(tiny(['config.vcpus.0.tasks.+', { name: 'b', preemptable: false }]))).toBe(
      'invalid scenario: config.vcpus[0].tasks[1]: unknown field "preemptable"',
    );
    expect(message(tiny(['extra', 1]))).toBe('invalid scenario: unknown field "extra"');
    expect(message(tiny(['config.variant', { injectwhen: 'always' }]))).toContain(
      'config.variant: unknown field "injectwhen"',
    );
    expect(message(tiny(['actions.0.task', 'x']))).toContain('actions[0]: unknown field "task"');
    expect(message(tiny(['a', 1], ['b', 2]))).toContain('unknown fields "a", "b"');
  });

  it('format and version', () => {
    expect(message(tiny(['format', 've-playground/scenari0']))).toContain(
      'format: expected "ve-playground/scenario"',
    );
    const newer = message(tiny(['version', 2]));
    expect(newer).toContain('version: version 2 is not supported');
    expect(newer).toContain('reads version 1');
    expect(newer).toContain('newer release of VE Playground');
    expect(message(tiny(['version', 0]))).toContain('reads version 1');
    expect(message(tiny(['version', '1']))).toContain('version');
    expect(message(tiny(['version', DELETE]))).toContain('version: required field missing');
  });

  it('bad gpas: unaligned, not hex, too big, too many digits', () => {
    expect(message(tiny(['config.pages.0.gpa', '0x2001']))).toContain(
      'config.pages[0].gpa: gpa 0x2001 is not 4 KiB-aligned',
    );
    expect(message(tiny(['config.pages.0.gpa', '0xZZ000']))).toContain(
      'config.pages[0].gpa: expected a hex guest-physical address',
    );
    expect(message(tiny(['config.pages.0.gpa', '8192']))).toContain('config.pages[0].gpa');
    expect(message(tiny(['config.pages.0.gpa', 8192]))).toContain(
      'config.pages[0].gpa: expected string, got 8192',
    );
    expect(message(tiny(['config.pages.0.gpa', '0x10000000000000']))).toContain('beyond MAXPHYADDR');
    expect(message(tiny(['actions.0.gpa', '0x1000000000000000']))).toContain(
      'actions[0].gpa: expected a hex guest-physical address',
    );
    expect(ok(tiny(['actions.0.gpa', '0xFFFFFFFFFF000'])).actions[0]).toMatchObject({
      gpa: '0xFFFFFFFFFF000',
    });
  });

  it('entries 0 and 65', () => {
    expect(message(tiny(['config.entries', 0]))).toBe(
      'invalid scenario: config.entries: must be at least 1, got 0',
    );
    expect(message(tiny(['config.entries', 65]))).toBe(
      'invalid scenario: config.entries: must be at most 64, got 65',
    );
    expect(message(tiny(['config.entries', 2.5]))).toContain('config.entries: expected an integer');
    expect(message(tiny(['config.entries', null]))).toContain('config.entries: expected number, got null');
  });

  it('numbers out of bounds', () => {
    expect(message(tiny(['actions.0.at', -1]))).toContain('actions[0].at: must be at least 0');
    expect(message(tiny(['actions.0.at', 1e10]))).toContain('actions[0].at: must be at most');
    expect(message(tiny(['config.seed', 2 ** 32]))).toContain('config.seed');
    expect(message(tiny(['config.pages.0.latency', 1e6 + 1]))).toContain('config.pages[0].latency');
    expect(message(tiny(['config.vcpus', []]))).toContain('config.vcpus: needs at least 1 entry');
    // A vCPU without tasks is allowed: it idles (HLT) from step 0.
    expect(parseScenario(tiny(['config.vcpus.0.tasks', []])).ok).toBe(true);
    const many = Array.from({ length: 65 }, () => ({ tasks: [{ name: 'a' }] }));
    expect(message(tiny(['config.vcpus', many]))).toContain('config.vcpus: too many entries');
  });

  it('enums and action types', () => {
    expect(message(tiny(['config.scheduler', 'fifo']))).toContain(
      'config.scheduler: expected one of "round-robin", "random", "manual", got "fifo"',
    );
    expect(message(tiny(['actions.0.type', 'poke']))).toContain(
      'actions[0].type: expected one of "access", "set-task", "set-page", "pick", got "poke"',
    );
    expect(message(tiny(['actions.0.type', DELETE]))).toContain('actions[0].type: required field missing');
  });

  it('vCPU out of range in an action and in explore', () => {
    expect(message(tiny(['actions.0.vcpu', 5]))).toBe(
      'invalid scenario: actions[0].vcpu: vCPU 5 out of range (1 vCPU)',
    );
    const two = tiny(
      ['config.vcpus.+', { tasks: [{ name: 'app' }] }],
      ['actions.+', { at: 1, type: 'access', vcpu: 1, gpa: '0x2000' }],
      ['actions.+', { at: 1, type: 'access', vcpu: 2, gpa: '0x2000' }],
    );
    expect(message(two)).toBe('invalid scenario: actions[2].vcpu: vCPU 2 out of range (2 vCPUs)');
    expect(message(tiny(['explore', { accesses: [{ vcpu: 3, gpa: '0x2000' }] }]))).toContain(
      'explore.accesses[0].vcpu: vCPU 3 out of range',
    );
  });

  it('unsorted actions', () => {
    const m = message(
      tiny(
        ['actions.+', { at: 5, type: 'access', vcpu: 0, gpa: '0x1000' }],
        ['actions.+', { at: 3, type: 'access', vcpu: 0, gpa: '0x1000' }],
      ),
    );
    expect(m).toContain('actions[2].at: actions must be sorted by "at" (step 3 after step 5)');
  });

  it('pick rules', () => {
    const pick = (action: object): [string, unknown] => ['actions.+', { at: 1, type: 'pick', ...action }];
    expect(message(tiny(pick({ actor: 'host' })))).toContain(
      'actions[1].type: "pick" needs config.scheduler "manual"',
    );
    const manual = (...changes: [string, unknown][]): unknown =>
      tiny(['config.scheduler', 'manual'], ...changes);
    expect(ok(manual(pick({ actor: 'vcpu0' }))).actions).toHaveLength(2);
    expect(message(manual(pick({ actor: 'host' }), pick({ actor: 'vcpu0' })))).toContain(
      'actions[2].at: more than one pick at step 1',
    );
    expect(message(manual(pick({ actor: 'vcpu1' })))).toContain('actions[1].actor: vCPU 1 out of range');
    expect(message(manual(pick({ actor: 'vcpu01' })))).toContain(
      'actions[1].actor: expected "host" or "vcpu<i>"',
    );
    expect(message(manual(pick({ actor: 'host', pageIn: '0x2000' })))).toContain(
      'actions[1].pageIn: "pageIn" needs config.timing "free"',
    );
    const free = (...changes: [string, unknown][]): unknown => manual(['config.timing', 'free'], ...changes);
    expect(ok(free(pick({ actor: 'host', pageIn: '0x2000' }))).actions[1]).toEqual({
      at: 1,
      type: 'pick',
      actor: 'host',
      pageIn: '0x2000',
    });
    expect(message(free(pick({ actor: 'vcpu0', pageIn: '0x2000' })))).toContain(
      'actions[1].pageIn: "pageIn" is only allowed on a pick of "host"',
    );
    expect(message(free(pick({ actor: 'host', pageIn: '0x5000' })))).toContain(
      'actions[1].pageIn: page 0x5000 is not declared',
    );
  });

  it('names: duplicate tasks, undeclared tasks and pages, duplicate pages', () => {
    expect(message(tiny(['config.vcpus.0.tasks.+', { name: 'app', mode: 'kernel' }]))).toBe(
      'invalid scenario: config.vcpus[0].tasks[1].name: duplicate task name "app" on vCPU 0',
    );
    // The same name on two vCPUs is fine.
    ok(tiny(['config.vcpus.+', { tasks: [{ name: 'app' }] }]));
    expect(message(tiny(['actions.+', { at: 1, type: 'set-task', vcpu: 0, task: 'nope' }]))).toContain(
      'actions[1].task: no task "nope" on vCPU 0',
    );
    expect(
      message(tiny(['actions.+', { at: 1, type: 'set-page', gpa: '0x9000', backing: 'lost' }])),
    ).toContain('actions[1].gpa: page 0x9000 is not declared in config.pages');
    // Declared pages are compared by value.
    ok(tiny(['actions.+', { at: 1, type: 'set-page', gpa: '0x00002000', backing: 'lost' }]));
    expect(message(tiny(['config.pages.+', { gpa: '0x02000', backing: 'lost' }]))).toContain(
      'config.pages[1].gpa: duplicate page 0x02000',
    );
  });

  it('reports up to three problems', () => {
    const m = message(tiny(['a', 1], ['config.entries', 0], ['config.seed', -1], ['config.timing', 'slow']));
    expect(m.split('; ')).toHaveLength(3);
    expect(m).toContain('(and 1 more)');
  });

  it('caps strings and arrays', () => {
    expect(message(tiny(['title', 'x'.repeat(201)]))).toContain('title: too long (at most 200 characters)');
    expect(message(tiny(['description', 'x'.repeat(4001)]))).toContain('description: too long');
    const narration = Array.from({ length: 1001 }, () => ({ at: 0, text: '' }));
    expect(message(tiny(['narration', narration]))).toContain(
      'narration: too many entries: 1001 (at most 1000)',
    );
  });

  it('refuses 10^6 actions quickly, and accepts 10^5', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => ({
      at: i,
      type: 'access',
      vcpu: 0,
      gpa: '0x2000',
    }));
    const hostile = { ...TINY, actions: many };
    const start = performance.now();
    const m = message(hostile);
    expect(performance.now() - start).toBeLessThan(500);
    expect(m).toBe('invalid scenario: actions: too many entries: 1000000 (at most 100000)');

    const ok100k = ok({ ...TINY, actions: many.slice(0, 100_000) });
    expect(ok100k.actions).toHaveLength(100_000);
  });
});
