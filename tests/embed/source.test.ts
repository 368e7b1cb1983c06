/** What a `data-ve-playground` element asks for (src/embed/source.ts): a link or a scenario file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource, type FetchText } from '../../src/embed/source';
import { encodeScenarioHash, parseScenario } from '../../src/share';

const fileText = readFileSync(join(import.meta.dirname, '../../public/scenarios/happy-user.json'), 'utf8');
const parsed = parseScenario(JSON.parse(fileText));
if (!parsed.ok) throw new Error(parsed.message);
const happy = parsed.scenario;

/** A fetch that serves `files` by address and answers 404 for anything else. */
function serving(files: Record<string, string>): FetchText {
  return async (url) => {
    const text = files[url];
    return { ok: text !== undefined, status: text === undefined ? 404 : 200, text: async () => text ?? '' };
  };
}

describe('openSource', () => {
  it('nothing named: the default scenario', async () => {
    expect(await openSource('  ', serving({}))).toBeNull();
  });

  it('a link opens its scenario at its step, without fetching', async () => {
    const result = await openSource(`https://example.org/${encodeScenarioHash(happy, 4)}`, serving({}));
    expect(result).toMatchObject({ ok: true, at: 4, scenario: { title: happy.title } });
  });

  it('a scenario file is fetched and validated', async () => {
    const result = await openSource(
      'scenarios/happy-user.json',
      serving({ 'scenarios/happy-user.json': fileText }),
    );
    expect(result).toMatchObject({ ok: true, at: 0, scenario: { title: happy.title } });
  });

  it('a missing, unreachable or invalid file becomes a message naming it', async () => {
    expect(await openSource('scenarios/nope.json', serving({}))).toEqual({
      ok: false,
      message: 'the scenario file "scenarios/nope.json" could not be loaded (HTTP 404)',
    });
    const offline: FetchText = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await openSource('scenarios/x.json', offline)).toEqual({
      ok: false,
      message: 'the scenario file "scenarios/x.json" could not be loaded',
    });
    const bad = await openSource('bad.json', serving({ 'bad.json': '{"format":"ve-playground/scenario"}' }));
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringContaining('the scenario file "bad.json" was refused'),
    });
  });
});
