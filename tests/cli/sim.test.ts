import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args';
import { readScenarioInput } from '../../src/cli/input';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import type { Scenario } from '../../src/engine/scenario';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 've-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HAPPY = {
  format: 've-playground/scenario',
  version: 1,
  config: {
    vcpus: [{ tasks: [{ name: 'app' }, { name: 'k', mode: 'kernel' }] }],
    pages: [{ gpa: '0x2000', backing: 'swapped', latency: 3 }],
  },
  actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
};

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function happyScenario(): Scenario {
  const r = parseScenario(HAPPY);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

interface SimResult {
  code: number;
  stdout: string;
  json: Record<string, unknown>;
}

function sim(args: string[], stdin?: string | Buffer): Promise<SimResult> {
  return new Promise((done, reject) => {
    const child = execFile(
      process.execPath,
      [TSX, 'src/cli/sim.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          done({ code, stdout, json: JSON.parse(stdout) as Record<string, unknown> });
        } catch {
          reject(new Error(`sim ${args.join(' ')}: exit ${code}, stdout not JSON: ${stdout}\n${stderr}`));
        }
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('parseCliArgs', () => {
  const spec = {
    'max-steps': { type: 'int', min: 1, max: 1000, default: 10 },
    'no-events': { type: 'flag' },
    trace: { type: 'string' },
  } as const;

  it('reads flags, integers and positionals', () => {
    expect(parseCliArgs(['a.json', '--max-steps', '5', '--no-events'], spec)).toEqual({
      ok: true,
      args: { positionals: ['a.json'], flags: new Set(['no-events']), ints: { 'max-steps': 5 }, strings: {} },
    });
    expect(parseCliArgs(['a.json', '--trace', 'out.json'], spec)).toMatchObject({
      ok: true,
      args: { strings: { trace: 'out.json' } },
    });
    expect(parseCliArgs(['a.json', '--trace'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--max-steps=7', '-'], spec)).toMatchObject({
      ok: true,
      args: { positionals: ['-'], ints: { 'max-steps': 7 } },
    });
    expect(parseCliArgs(['--', '--weird-name.json'], spec)).toMatchObject({
      ok: true,
      args: { positionals: ['--weird-name.json'], ints: { 'max-steps': 10 } },
    });
  });

  it('refuses unknown options and bad numbers', () => {
    expect(parseCliArgs(['--max-step', '5'], spec)).toEqual({
      ok: false,
      message: 'unknown option "--max-step"',
    });
    expect(parseCliArgs(['-x'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--max-steps'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--max-steps', '0'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--max-steps', '1e3'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--no-events=1'], spec)).toMatchObject({ ok: false });
    expect(parseCliArgs(['--constructor'], spec)).toMatchObject({ ok: false });
  });
});

describe('readScenarioInput', () => {
  it('reads a file, a URL, and reports unreadable input', async () => {
    expect(await readScenarioInput(file('happy.json', JSON.stringify(HAPPY)))).toEqual({
      ok: true,
      scenario: happyScenario(),
    });
    const url = `http://127.0.0.1:4173/${encodeScenarioHash(happyScenario(), 2)}`;
    expect(await readScenarioInput(url)).toEqual({ ok: true, scenario: happyScenario() });
    const missing = await readScenarioInput(join(dir, 'nope.json'));
    expect(missing.ok ? '' : missing.message).toContain('cannot read');
    const notJson = await readScenarioInput(file('bad.json', '{ "format": '));
    expect(notJson.ok ? '' : notJson.message).toContain('not valid JSON');
    const noScenario = await readScenarioInput('https://example.org/');
    expect(noScenario.ok ? '' : noScenario.message).toContain('a link without a scenario');
  });
});

describe('npm run sim', () => {
  it('runs a scenario file and prints one report', async () => {
    const r = await sim([file('run.json', JSON.stringify(HAPPY))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"outcome"/);
    expect(r.json.outcome).toBe('quiescent');
    expect(typeof r.json.steps).toBe('number');
    expect(Array.isArray(r.json.events)).toBe(true);
    expect(r.json.final).toBeTypeOf('object');
    expect(r.json.violations).toEqual([]);
  });

  it('--trace writes the run as a Chrome trace beside the report', async () => {
    const out = join(dir, 'trace.json');
    const r = await sim([file('traced.json', JSON.stringify(HAPPY)), '--no-events', '--trace', out]);
    expect(r.code).toBe(0);
    expect(r.json.outcome).toBe('quiescent');
    const trace = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { name: string; ph: string }[] };
    const steps = trace.traceEvents.filter((e) => e.ph === 'X' && e.name.startsWith('hw.'));
    expect(steps.length).toBeGreaterThan(0);
    expect(trace.traceEvents.some((e) => e.ph === 'M' && e.name === 'thread_name')).toBe(true);
  });

  it('reads a URL and stdin, honours --no-events and --max-steps', async () => {
    const url = `http://localhost/#s=${encodeScenarioHash(happyScenario()).slice(3)}`;
    const fromUrl = await sim([url, '--no-events']);
    expect(fromUrl.code).toBe(0);
    expect(fromUrl.json.outcome).toBe('quiescent');
    expect('events' in fromUrl.json).toBe(false);
    const limited = await sim(['-', '--max-steps', '2'], JSON.stringify(HAPPY));
    expect(limited.code).toBe(0);
    expect(limited.json).toMatchObject({ outcome: 'max-steps', steps: 2 });
  });

  it('invalid scenario, unreadable file, bad option: outcome invalid, exit 2', async () => {
    const bad = { ...HAPPY, config: { ...HAPPY.config, entries: 65 } };
    const r = await sim([file('invalid.json', JSON.stringify(bad))]);
    expect(r.code).toBe(2);
    expect(r.json).toEqual({
      outcome: 'invalid',
      message: 'invalid scenario: config.entries: must be at most 64, got 65',
    });
    const missing = await sim([join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.json.outcome).toBe('invalid');
    const option = await sim(['--max-steps', 'lots', 'x.json']);
    expect(option.code).toBe(2);
    expect(String(option.json.message)).toContain('--max-steps');
  });

  it('reads UTF-8 with a BOM and UTF-16 (LE and BE, with a BOM), from files and stdin, as the browser does', async () => {
    const json = JSON.stringify({ ...HAPPY, title: 'héllo — ve_page' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const forms: [string, Buffer][] = [
      ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
      ['utf16le', le],
      ['utf16be', be],
    ];
    for (const [name, bytes] of forms) {
      const fromFile = await sim([file(`${name}.json`, bytes), '--no-events']);
      expect(fromFile.code, name).toBe(0);
      expect(fromFile.json.outcome, name).toBe('quiescent');
      const fromStdin = await sim(['-', '--no-events'], bytes);
      expect(fromStdin.code, name).toBe(0);
      expect(fromStdin.json.outcome, name).toBe('quiescent');
    }
  });

  it('an unwritable --trace path is refused before the run: invalid, exit 2, no report', async () => {
    for (const path of [join(dir, 'no-such-dir', 'trace.json'), dir]) {
      const r = await sim([file('happy2.json', JSON.stringify(HAPPY)), '--trace', path]);
      expect(r.code).toBe(2);
      expect(r.json.outcome).toBe('invalid');
      expect(String(r.json.message)).toContain('--trace: cannot write');
      expect('steps' in r.json).toBe(false);
    }
  });

  it('--trace streams a long run to the file as one valid JSON trace', async () => {
    const actions = Array.from({ length: 2000 }, (_, i) => ({
      at: i * 40,
      type: 'access',
      vcpu: 0,
      gpa: '0x2000',
    }));
    const long = { ...HAPPY, actions };
    const out = join(dir, 'long-trace.json');
    const r = await sim([
      file('long.json', JSON.stringify(long)),
      '--no-events',
      '--max-steps',
      '100000',
      '--trace',
      out,
    ]);
    expect(r.code).toBe(0);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as {
      traceEvents: unknown[];
      displayTimeUnit: string;
    };
    expect(trace.displayTimeUnit).toBe('ms');
    // A slice for every fault at least.
    expect(Number(r.json.steps)).toBeGreaterThan(2000 * 39);
    expect(trace.traceEvents.length).toBeGreaterThan(actions.length);
  });
});
