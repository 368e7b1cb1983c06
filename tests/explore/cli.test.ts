/** `npm run explore` as a process: JSON report, invalid input, the --max-states bound. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 've-explore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number;
  json: Record<string, unknown>;
}

function exploreCli(args: string[]): Promise<CliResult> {
  return new Promise((done, reject) => {
    execFile(
      process.execPath,
      [TSX, 'src/cli/explore.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          done({ code, json: JSON.parse(stdout) as Record<string, unknown> });
        } catch {
          reject(new Error(`explore ${args.join(' ')}: exit ${code}, stdout not JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

describe('explore CLI', () => {
  it('valid input: a complete JSON report with replayable findings', async () => {
    const { code, json } = await exploreCli([join(ROOT, 'public/scenarios/lost-wakeup.json')]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ complete: true });
    expect(typeof json.states).toBe('number');
    expect(typeof json.transitions).toBe('number');
    expect(typeof json.depth).toBe('number');
    expect(typeof json.seconds).toBe('number');
    const findings = json.findings as { kind: string; name: string; steps: number }[];
    expect(findings.map((f) => `${f.kind}:${f.name}`).sort()).toEqual([
      'invariant:host-current-consumed',
      'invariant:no-lost-wakeup',
      'outcome:hung',
    ]);
  });

  it('invalid input: {outcome: "invalid"} and exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 've-playground/scenario', version: 1, config: { entries: 0 } }),
    );
    const r = await exploreCli([bad]);
    expect(r.code).toBe(2);
    expect(r.json.outcome).toBe('invalid');
    expect(typeof r.json.message).toBe('string');
    const missing = await exploreCli([join(dir, 'no-such-file.json')]);
    expect(missing.code).toBe(2);
    expect(missing.json.outcome).toBe('invalid');
  });

  it('--max-states 100 stops the search: complete false', async () => {
    const r = await exploreCli([
      join(ROOT, 'tests/explore/fixtures/mail-machine.json'),
      '--max-states',
      '100',
    ]);
    expect(r.code).toBe(0);
    expect(r.json.complete).toBe(false);
    expect(r.json.states).toBeLessThanOrEqual(100);
  });

  it('--max-states: complete false, reason max-states and a message; the hash is said', async () => {
    const r = await exploreCli([
      join(ROOT, 'tests/explore/fixtures/mail-machine.json'),
      '--max-states',
      '500',
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ complete: false, reason: 'max-states', hash: '64-bit' });
    expect(String(r.json.message)).toContain('500 states');
  });

  it('64 vCPUs × 64 entries: stops at the memory bound with what it found, no crash', async () => {
    const r = await exploreCli([
      join(ROOT, 'tests/explore/fixtures/machine-64x64.json'),
      '--max-memory',
      '128',
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ complete: false, reason: 'max-memory' });
    expect(String(r.json.message)).toContain('memory bound of 128 MiB');
    expect(r.json.states).toBeGreaterThan(1);
    expect(r.json.memoryMiB).toBeLessThanOrEqual(128);
    expect(Array.isArray(r.json.findings)).toBe(true);
  });

  it('a bad --max-memory is an invalid command line', async () => {
    const r = await exploreCli([join(ROOT, 'tests/explore/fixtures/mail-machine.json'), '--max-memory', '0']);
    expect(r.code).toBe(2);
    expect(r.json.outcome).toBe('invalid');
    expect(String(r.json.message)).toContain('--max-memory');
  });
});
