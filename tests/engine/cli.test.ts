/**
 * The headless CLI (scenario.md "The CLI"), run as a child process: `tsx src/cli/sim.ts` through
 * node_modules/.bin/tsx (what `npx tsx` runs), with execFile and no shell. Child processes are
 * slow, so the test starts a handful of them at once and checks everything about each.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine';
import { encodeScenarioHash } from '../../src/share';
import { ROOT, SCENARIO_DIR, loadPreset, presetJson } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

function sim(args: string[], stdin?: string): Promise<Result> {
  return new Promise((done, reject) => {
    const child = execFile(
      TSX,
      ['src/cli/sim.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, shell: false },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        try {
          done({ code, stdout, stderr, json: JSON.parse(stdout) as Record<string, unknown> });
        } catch {
          reject(new Error(`sim ${args.join(' ')}: exit ${code}, stdout is not JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

const dir = mkdtempSync(join(tmpdir(), 've-engine-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The happy-user preset with one change made by `edit`. */
function broken(edit: (s: Record<string, unknown>) => void): Record<string, unknown> {
  const s = structuredClone(presetJson('happy-user')) as Record<string, unknown>;
  edit(s);
  return s;
}

type Json = Record<string, unknown> & {
  config: Record<string, unknown> & { pages: Record<string, unknown>[] };
};

const INVALID: { name: string; scenario: Record<string, unknown>; field: RegExp }[] = [
  {
    name: 'unknown field',
    scenario: broken((s) => {
      ((s as Json).config.vcpus as { tasks: Record<string, unknown>[] }[])[0]!.tasks[0]!.preemptable = true;
    }),
    field: /config\.vcpus\[0\]\.tasks\[0\].*preemptable/,
  },
  {
    name: 'bad gpa',
    scenario: broken((s) => {
      (s as Json).config.pages[0]!.gpa = '0x2001';
    }),
    field: /config\.pages\[0\]\.gpa/,
  },
  {
    name: 'vCPU out of range in an action',
    scenario: broken((s) => {
      (s.actions as Record<string, unknown>[])[0]!.vcpu = 3;
    }),
    field: /actions\[0\]\.vcpu.*out of range/,
  },
  {
    name: 'entries 0',
    scenario: broken((s) => {
      (s as Json).config.entries = 0;
    }),
    field: /config\.entries/,
  },
  {
    name: 'entries 65',
    scenario: broken((s) => {
      (s as Json).config.entries = 65;
    }),
    field: /config\.entries/,
  },
  {
    name: 'wrong version',
    scenario: broken((s) => {
      s.version = 2;
    }),
    field: /version/,
  },
];

describe('CLI: npx tsx src/cli/sim.ts', () => {
  const presetPath = join(SCENARIO_DIR, 'happy-user.json');
  const expected = runScenario(loadPreset('happy-user'));
  let withEvents: Result;
  let fromStdin: Result;
  let fromUrl: Result;
  let invalid: Result[];

  beforeAll(async () => {
    const url = `http://127.0.0.1:5173/${encodeScenarioHash(loadPreset('happy-user'))}`;
    [withEvents, fromStdin, fromUrl, ...invalid] = await Promise.all([
      sim([presetPath]),
      sim(['-', '--no-events', '--max-steps', '5'], JSON.stringify(presetJson('happy-user'))),
      sim([url, '--no-events']),
      ...INVALID.map((c, i) => sim([file(`invalid-${i}.json`, c.scenario)])),
    ]);
  });

  it('a preset file: exit 0, a full report equal to runScenario', () => {
    expect(withEvents.code).toBe(0);
    const r = withEvents.json;
    for (const key of ['outcome', 'steps', 'final', 'events', 'violations']) expect(r).toHaveProperty(key);
    expect(r.outcome).toBe('quiescent');
    expect(r.steps).toBe(expected.steps);
    expect(r.violations).toEqual([]);
    expect(r.events).toEqual(expected.events);
    expect(r.final).toEqual(JSON.parse(JSON.stringify(expected.final)));
    const final = r.final as {
      vcpus: { state: string; busy: number; slots: { state: string }[] }[];
      tasks: unknown[];
    };
    expect(final.vcpus[0]).toMatchObject({ busy: 0 });
    expect(final.tasks.length).toBe(2);
  });

  it('stdin "-" with --no-events --max-steps 5: outcome max-steps, no events', () => {
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.json.outcome).toBe('max-steps');
    expect(fromStdin.json.steps).toBe(5);
    expect(fromStdin.json).not.toHaveProperty('events');
    expect(fromStdin.json).toHaveProperty('final');
    expect(fromStdin.json).toHaveProperty('violations');
  });

  it('a playground URL: the same run as the file', () => {
    expect(fromUrl.code).toBe(0);
    expect(fromUrl.json.outcome).toBe('quiescent');
    expect(fromUrl.json).not.toHaveProperty('events');
    expect(fromUrl.json.steps).toBe(expected.steps);
    expect(fromUrl.json.final).toEqual(withEvents.json.final);
  });

  it.each(INVALID.map((c, i) => [c.name, i] as const))(
    'invalid (%s): outcome invalid naming the field, exit 2',
    (_, i) => {
      const r = invalid[i]!;
      expect(r.code).toBe(2);
      expect(r.json.outcome).toBe('invalid');
      expect(r.json.message).toMatch(INVALID[i]!.field);
      expect(r.json).not.toHaveProperty('events');
    },
  );
});
