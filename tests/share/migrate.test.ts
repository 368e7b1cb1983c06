/** Durable links: the saved URLs keep opening; the migration chain; newer versions said plainly. */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine';
import {
  decodeScenarioHash,
  migrateScenario,
  newerVersionMessage,
  parseScenario,
  scenarioFromUrlOrHash,
  SCENARIO_VERSION,
  type JsonObject,
} from '../../src/share';
import { TINY } from './fixtures';
import { SAVED_URLS } from './saved-urls';

describe('saved URLs from earlier releases', () => {
  it('there are some, and they are literal links', () => {
    expect(SAVED_URLS.length).toBeGreaterThanOrEqual(5);
    for (const saved of SAVED_URLS) expect(saved.url).toMatch(/^https?:\/\/[^#]+#s=[A-Za-z0-9+$-]+&at=\d+$/);
  });

  for (const saved of SAVED_URLS) {
    it(`${saved.name} (${saved.madeBy}) opens the same run at the same step`, () => {
      const decoded = scenarioFromUrlOrHash(saved.url);
      if (!decoded.ok) throw new Error(decoded.message);
      expect(decoded.scenario).not.toBeNull();
      if (decoded.scenario === null) return;
      expect(decoded.at).toBe(saved.at);
      expect(decoded.scenario.title).toBe(saved.title);
      const report = runScenario(decoded.scenario, { maxSteps: 10000 });
      expect(report.outcome).toBe(saved.outcome);
      expect(report.steps).toBe(saved.steps);
      expect(report.events?.length ?? 0).toBe(saved.events);
    });
  }
});

describe('migrateScenario', () => {
  const base = (): JsonObject => JSON.parse(JSON.stringify(TINY)) as JsonObject;

  it('leaves the current version and non-scenarios alone', () => {
    const v = base();
    expect(migrateScenario(v)).toEqual({ ok: true, value: v, from: null });
    for (const junk of [null, 3, 'x', [], { format: 'other', version: 99 }]) {
      expect(migrateScenario(junk)).toEqual({ ok: true, value: junk, from: null });
    }
  });

  it('refuses a newer version plainly, through parseScenario and through a link', () => {
    const newer = { ...base(), version: SCENARIO_VERSION + 1 };
    expect(migrateScenario(newer)).toEqual({ ok: false, message: newerVersionMessage(SCENARIO_VERSION + 1) });
    const parsed = parseScenario(newer);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(
      `this link was made by a newer release of VE Playground (format version ${SCENARIO_VERSION + 1}); this release reads version ${SCENARIO_VERSION}`,
    );
    for (const v of [7, 1e9]) {
      const r = parseScenario({ ...base(), version: v });
      expect(r.ok || r.message).toContain(`(format version ${v})`);
    }
  });

  it('walks a chain of migrations one version at a time', () => {
    // A pretend future: v3 is current; v1 → v2 renames `title` to `name`, v2 → v3 renames it back.
    const chain = {
      1: (s: JsonObject) => {
        const { title, ...rest } = s;
        return { ...rest, version: 2, name: title };
      },
      2: (s: JsonObject) => {
        const { name, ...rest } = s;
        return { ...rest, version: 3, title: `${String(name)} (migrated)` };
      },
    };
    const r = migrateScenario({ ...base(), title: 'old' }, chain, 3);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.from).toBe(1);
    expect(r.value).toMatchObject({ version: 3, title: 'old (migrated)' });
    expect(migrateScenario({ ...base(), version: 4 }, chain, 3)).toEqual({
      ok: false,
      message: newerVersionMessage(4, 3),
    });
    const broken = migrateScenario(
      base(),
      {
        1: () => {
          throw new Error('boom');
        },
      },
      2,
    );
    expect(broken).toEqual({ ok: false, message: 'version 1 could not be migrated to version 2: boom' });
    expect(migrateScenario(base(), {}, 2)).toMatchObject({ ok: false });
  });

  it('a link from a newer release says so', () => {
    const json = JSON.stringify({ ...base(), version: 2 });
    const r = decodeScenarioHash(`#s=${LZString.compressToEncodedURIComponent(json)}&at=3`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('this link was made by a newer release of VE Playground (format version 2)');
  });
});
