/** Scenario files: export → import round trips; hostile files become messages, never exceptions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { importScenarioFile, importScenarioText, MAX_FILE_BYTES } from '../../src/share/importText';
import { exportFileName, exportScenarioText } from '../../src/ui/share/scenarioFile';
import { FULL, TINY } from './fixtures';

function scenario(input: unknown) {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.message);
  return p.scenario;
}

function refused(text: string): string {
  const r = importScenarioText(text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.message;
}

describe('export and import', () => {
  it('round trips the full scenario, and links too', () => {
    const s = scenario(FULL);
    const back = importScenarioText(exportScenarioText(s));
    expect(back).toEqual({ ok: true, scenario: s, at: 0 });
    expect(importScenarioText(`https://example.org/ve/${encodeScenarioHash(s, 7)}\n`)).toEqual({
      ok: true,
      scenario: s,
      at: 7,
    });
    expect(importScenarioText(`\uFEFF${exportScenarioText(s)}`).ok).toBe(true);
  });

  it('file names come from the title, safely', () => {
    expect(exportFileName(scenario(FULL))).toBe(
      'nested-ept-violation-before-the-reentrancy-word-is-cleared.json',
    );
    expect(exportFileName(scenario(TINY))).toBe('scenario.json');
    expect(exportFileName(scenario({ ...TINY, title: '../../etc/<script>' }))).toBe('etc-script.json');
  });

  it('reads Blobs, refusing huge ones before reading them', async () => {
    const s = scenario(TINY);
    const ok = await importScenarioFile(new Blob([exportScenarioText(s)]));
    expect(ok.ok).toBe(true);
    const big = {
      size: MAX_FILE_BYTES + 1,
      text: () => Promise.reject(new Error('must not be read')),
    } as unknown as Blob;
    const r = await importScenarioFile(Object.assign(big, { name: 'huge.json' }));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('the file "huge.json" is too large') });
  });
});

describe('text encodings', () => {
  it('reads UTF-8 with a BOM and UTF-16 (LE and BE, with or without a BOM) as the CLIs do', async () => {
    const s = scenario(FULL);
    const text = exportScenarioText(s);
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le.map((_, i) => le[i ^ 1]!));
    for (const [name, bytes] of [
      ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf-16le BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['utf-16be BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['utf-16le', le],
      ['utf-16be', be],
    ] as const) {
      expect(await importScenarioFile(new Blob([bytes])), name).toEqual({ ok: true, scenario: s, at: 0 });
    }
    // Bytes that only look like UTF-16 are still refused with a message.
    const odd = await importScenarioFile(new Blob([Uint8Array.from([0x7b, 0x00, 0x41])]));
    expect(odd.ok).toBe(false);
  });
});

describe('hostile files', () => {
  it('say what is wrong', () => {
    expect(refused('')).toBe('the file is empty');
    expect(refused('hello')).toContain('neither a scenario');
    expect(refused('{"format": "ve-playground/scenario", ')).toContain('not valid JSON');
    expect(refused('[1,2,3]')).toContain('expected a scenario object');
    expect(refused(JSON.stringify({ ...TINY, version: 2 }))).toContain('newer release of VE Playground');
    expect(refused(JSON.stringify({ ...TINY, config: { vcpus: 'many' } }))).toContain('config.vcpus');
    expect(refused(JSON.stringify({ ...TINY, config: { ...TINY.config, entries: 1e308 } }))).toContain(
      'config.entries',
    );
    expect(
      refused(JSON.stringify({ ...TINY, actions: [{ at: 9e15, type: 'access', vcpu: 0, gpa: '0x2000' }] })),
    ).toContain('actions[0].at');
    expect(refused('#s=garbage!')).toContain('the link is damaged');
  });

  it('10^6 actions are refused quickly', () => {
    const actions = Array.from({ length: 1_000_000 }, (_, i) => ({
      at: i,
      type: 'access',
      vcpu: 0,
      gpa: '0x2000',
    }));
    const text = JSON.stringify({ ...TINY, actions });
    const start = performance.now();
    const m = refused(text);
    expect(m).toMatch(/too large|too many entries/);
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it('script in the title stays plain text in the scenario', () => {
    const title = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const r = importScenarioText(JSON.stringify({ ...TINY, title }));
    expect(r.ok && r.scenario.title).toBe(title);
  });

  it('fuzz: random JSON values and mutated files never throw', () => {
    const good = exportScenarioText(scenario(FULL));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const r = importScenarioText(JSON.stringify(value) ?? 'null');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(
        fc.nat({ max: good.length }),
        fc.nat({ max: good.length }),
        fc.string({ maxLength: 8 }),
        (a, b, ins) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const r = importScenarioText(good.slice(0, lo) + ins + good.slice(hi));
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
