/**
 * Share and durable links in Chromium: Share → a new page reproduces the run; the address bar
 * follows; every preset opens from its URL; saved old URLs open; bad links and files are refused
 * with `data-testid="error"` and a working default playground; files import and drop.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Scenario } from '../../src/engine';
import { encodeScenarioHash, parseScenario } from '../../src/share';
import { PRESET_NAMES } from '../../src/playground/presets';
import { SAVED_URLS } from '../share/saved-urls';
import { attr, openPlayground, readouts, useHarness, step, stepNumber, text } from './harness';

const harness = useHarness();

function preset(name: string): Scenario {
  const file = join(import.meta.dirname, '../../public/scenarios', `${name}.json`);
  const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

/** The step the slot gives when it points at a scenario kept in IndexedDB (run in the page). */
async function savedInDbAt(): Promise<number | null> {
  const slot = /^\{"at":(\d+),"savedAt":\d+,"in":"indexeddb"\}$/.exec(
    localStorage.getItem('ve-playground:last-run') ?? '',
  );
  if (!slot) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('ve-playground');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error('no database'));
  });
  const record = await new Promise<unknown>((resolve) => {
    const request = db.transaction('saved-run').objectStore('saved-run').get('last-run');
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return typeof record === 'string' && record.includes('A very long recorded session')
    ? Number(slot[1])
    : null;
}

/** A recorded session: one task on `vcpus` vCPUs accessing one swapped page `count` times, `every` ticks apart. */
function recordedSession(title: string, count: number, every: number, vcpus = 1) {
  return {
    format: 've-playground/scenario',
    version: 1,
    title,
    config: {
      vcpus: Array.from({ length: vcpus }, (_, i) => ({ tasks: [{ name: `task${i}` }] })),
      pages: [{ gpa: '0x2000', backing: 'swapped' }],
    },
    actions: Array.from({ length: count }, (_, i) => ({
      at: i * every,
      type: 'access',
      vcpu: i % vcpus,
      gpa: '0x2000',
    })),
  };
}

async function waitStep(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(want),
    n,
  );
}

/** The default playground works: a click faults, Step moves. */
async function expectWorkingDefault(page: Page): Promise<void> {
  expect(await page.locator('.scenario-title').textContent()).toContain('Playground');
  await page.getByTestId('page-0x2000').click();
  await step(page);
  expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
}

describe('share', () => {
  it('Share → the URL in a new page shows the same step and state', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    for (let i = 0; i < 4; i++) await step(page);
    await page.getByTestId('vcpu-1').click();
    await page.getByTestId('page-0x3000').click();
    for (let i = 0; i < 5; i++) await step(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/#s=[A-Za-z0-9+$-]+&at=9$/);
    const before = await readouts(page);

    const other = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const fresh = await other.newPage();
    await fresh.goto(url);
    await fresh.getByTestId('vcpu-0').waitFor();
    await waitStep(fresh, 9);
    expect(await readouts(fresh)).toEqual(before);
    // The recorded clicks came along: the run goes on identically.
    await step(page);
    await step(fresh);
    expect(await readouts(fresh)).toEqual(await readouts(page));
    await other.close();
    await page.context().close();
  });

  it('the address bar follows the run without adding history entries', async () => {
    const page = await openPlayground(harness);
    const length = await page.evaluate(() => history.length);
    await page.getByTestId('page-0x2000').click();
    for (let i = 0; i < 3; i++) await step(page);
    await page.waitForFunction(() => location.hash.endsWith('&at=3'));
    expect(await page.evaluate(() => history.length)).toBe(length);
    // The address reopens the same state.
    const url = page.url();
    const before = await readouts(page);
    const again = await page.context().newPage();
    await again.goto(url);
    await again.getByTestId('vcpu-0').waitFor();
    await waitStep(again, 3);
    expect(await readouts(again)).toEqual(before);
    await page.context().close();
  });

  it('a pasted link (hashchange) opens its scenario', async () => {
    const page = await openPlayground(harness);
    const s = preset('bug-on');
    await page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      encodeScenarioHash(s, 4),
    );
    await waitStep(page, 4);
    expect(await page.locator('.scenario-title').textContent()).toBe(s.title);
    await page.context().close();
  });
});

describe('presets and saved links', () => {
  it('every preset opens from its URL', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    for (const name of PRESET_NAMES) {
      const s = preset(name);
      await page.goto('about:blank');
      await page.goto(`${harness.url}${encodeScenarioHash(s)}`);
      await page.getByTestId('vcpu-0').waitFor();
      await page.waitForFunction(
        (title) => document.querySelector('.scenario-title')?.textContent === title,
        s.title,
      );
      expect(await stepNumber(page), name).toBe(0);
      expect(await page.getByTestId('error').count(), name).toBe(0);
    }
    await context.close();
  });

  it('the gallery loads a preset as a new history entry; Back returns', async () => {
    const page = await openPlayground(harness);
    const length = await page.evaluate(() => history.length);
    await page.getByRole('button', { name: /Scenarios/ }).click();
    const card = page.getByTestId('preset-suspend-preempt-off');
    expect(await card.getAttribute('href')).toMatch(/^#s=/);
    expect(await card.textContent()).toContain(
      'What happens when kernel code with preemption disabled faults?',
    );
    await card.click();
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('SUSPEND_ME'),
    );
    expect(await page.getByTestId('gallery').count()).toBe(0);
    expect(await page.evaluate(() => history.length)).toBe(length + 1);
    await page.goBack();
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('Playground'),
    );
    await page.context().close();
  });

  it('saved URLs of earlier releases keep opening at their step', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    for (const saved of SAVED_URLS) {
      const url = harness.url + saved.url.slice(saved.url.indexOf('#'));
      await page.goto('about:blank');
      await page.goto(url);
      await page.getByTestId('vcpu-0').waitFor();
      await waitStep(page, saved.at);
      expect(await page.locator('.scenario-title').textContent(), saved.name).toBe(saved.title);
      expect(await page.getByTestId('error').count(), saved.name).toBe(0);
    }
    await context.close();
  });
});

describe('bad input', () => {
  const bad: [string, string][] = [
    ['mangled', '#s=N4IgZg9gTgtghgFxALhANwKYFoAOAbOATwHMoIBXAOwBMB6A!!!'],
    ['truncated', `#s=${encodeScenarioHash(preset('happy-user')).slice(3, 60)}`],
    ['empty', '#s='],
    // 20 000 actions: far beyond 64 KiB decoded (10^6 actions are refused the same way; see tests/share).
    [
      'oversized',
      `#s=${LZString.compressToEncodedURIComponent(
        JSON.stringify({
          format: 've-playground/scenario',
          version: 1,
          config: { vcpus: [{ tasks: [{ name: 'app' }] }] },
          actions: Array.from({ length: 20_000 }, () => ({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' })),
        }),
      )}`,
    ],
    [
      'wrongly typed',
      `#s=${LZString.compressToEncodedURIComponent('{"format":"ve-playground/scenario","version":1,"config":{"vcpus":"all"}}')}`,
    ],
  ];
  for (const [name, hash] of bad) {
    it(`a ${name} URL shows the error and a working default playground`, async () => {
      const page = await openPlayground(harness, hash);
      const error = page.getByTestId('error');
      await error.waitFor();
      expect((await error.textContent())?.length).toBeGreaterThan(20);
      await expectWorkingDefault(page);
      await page.context().close();
    });
  }

  // Lenient links (issue 13): a bad `&at=` still opens the scenario, at step 0, with a note.
  for (const [name, at] of [
    ['bad', '-4'],
    ['huge', '99999999999999'],
  ]) {
    it(`a ${name} at opens the scenario at step 0 with a note`, async () => {
      const s = preset('happy-user');
      const page = await openPlayground(harness, `${encodeScenarioHash(s)}&at=${at}`);
      const note = page.getByTestId('input-note');
      await note.waitFor();
      expect(await note.textContent()).toContain('step 0');
      expect(await page.locator('.scenario-title').textContent()).toBe(s.title);
      await waitStep(page, 0);
      expect(await page.getByTestId('error').count()).toBe(0);
      await page.context().close();
    });
  }

  it('script in a title stays text; nothing runs', async () => {
    const s = preset('happy-user');
    const title = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const page = await openPlayground(harness, encodeScenarioHash({ ...s, title }));
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    expect(await page.locator('.scenario-title').textContent()).toBe(title);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.scenario-title img, .scenario-title script').count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.context().close();
  });

  it('a file from a newer release is refused plainly; a good file imports', async () => {
    const page = await openPlayground(harness);
    const input = page.getByTestId('import-file');
    const newer = JSON.stringify({
      ...JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios/bug-on.json'), 'utf8')),
      version: 5,
    });
    await input.setInputFiles({
      name: 'future.json',
      mimeType: 'application/json',
      buffer: Buffer.from(newer),
    });
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toContain('newer release of VE Playground (format version 5)');
    await expectWorkingDefault(page);

    const good = readFileSync(join(import.meta.dirname, '../../public/scenarios/bug-on.json'));
    await input.setInputFiles({ name: 'bug-on.json', mimeType: 'application/json', buffer: good });
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('BUG_ON'),
    );
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.context().close();
  });

  it('dropping a file opens it', async () => {
    const page = await openPlayground(harness);
    const json = readFileSync(join(import.meta.dirname, '../../public/scenarios/two-vcpus.json'), 'utf8');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'two-vcpus.json', { type: 'application/json' }));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, json);
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('Two vCPUs'),
    );
    expect(await page.getByTestId('drop-zone').count()).toBe(0);
    await page.context().close();
  });
});

describe("the user's work survives", () => {
  /** A preset open at step 3, with the title it shows. */
  async function openBugOnAt3(): Promise<{ page: Page; title: string }> {
    const s = preset('bug-on');
    const page = await openPlayground(harness, encodeScenarioHash(s, 3));
    await waitStep(page, 3);
    return { page, title: s.title ?? '' };
  }

  async function expectRunKept(page: Page, title: string): Promise<void> {
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toContain('your run is unchanged');
    expect(await page.locator('.scenario-title').textContent()).toBe(title);
    expect(await stepNumber(page)).toBe(3);
  }

  it('a refused file import keeps the run that was open', async () => {
    const { page, title } = await openBugOnAt3();
    await page.getByTestId('import-file').setInputFiles({
      name: 'not-a-scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"something else"}'),
    });
    await expectRunKept(page, title);
    await page.context().close();
  });

  it('a dropped sentence is refused and keeps the run', async () => {
    const { page, title } = await openBugOnAt3();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'just a sentence dragged from somewhere');
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expectRunKept(page, title);
    await page.context().close();
  });

  it('a refused pasted link keeps the run, and stays in the address bar with the message', async () => {
    const { page, title } = await openBugOnAt3();
    const bad = '#s=N4IgZg9gTgtghgFxALhANwKYFoAOAbOATwHMoIBXAOwBMB6A!!!';
    await page.evaluate((hash) => {
      location.hash = hash;
    }, bad);
    await expectRunKept(page, title);
    expect(await page.evaluate(() => location.hash)).toBe(bad);
    // Dismissing the message gives the address bar back to the run.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForFunction(() => location.hash.endsWith('&at=3'));
    await page.context().close();
  });

  it('a link pasted just before the address bar is rewritten is the one that opens, or stays refused', async () => {
    const { page, title } = await openBugOnAt3();
    /** Pastes `hash`, and the throttled write of the run's address lands before hashchange is handled. */
    const pasteRacingTheWrite = (hash: string) =>
      page.evaluate((pasted) => {
        const current = location.hash;
        location.hash = pasted;
        history.replaceState(history.state, '', current);
      }, hash);
    const bad = '#s=N4IgZg9gTgtghgFxALhANwKYFoAOAbOATwHMoIBXAOwBMB6A!!!';
    await pasteRacingTheWrite(bad);
    await expectRunKept(page, title);
    expect(await page.evaluate(() => location.hash)).toBe(bad);
    const other = preset('two-vcpus');
    await pasteRacingTheWrite(encodeScenarioHash(other, 2));
    await page.waitForFunction(
      (t) => document.querySelector('.scenario-title')?.textContent === t,
      other.title,
    );
    await waitStep(page, 2);
    await page.context().close();
  });

  it('a refused link on a fresh page opens the default and is not overwritten', async () => {
    const bad = '#s=N4IgZg9gTgtghgFxALhANwKYFoAOAbOATwHMoIBXAOwBMB6A!!!';
    const page = await openPlayground(harness, bad);
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toContain('opened the default scenario instead');
    await expectWorkingDefault(page);
    expect(await page.evaluate(() => location.hash)).toBe(bad);
    await page.context().close();
  });

  it('after a reload without the link, the last run is offered back and restored', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('page-0x2000').click();
    await step(page);
    await step(page);
    // Saved in this browser as the user works.
    await page.waitForFunction(() => localStorage.getItem('ve-playground:last-run')?.includes('"at":2'));
    await page.goto(harness.url);
    await page.getByTestId('vcpu-0').waitFor();
    expect(await stepNumber(page)).toBe(0);
    await page.getByRole('button', { name: 'Restore your last run' }).click();
    await waitStep(page, 2);
    expect(await attr(page, 'vcpu-0', 'data-state')).toBe('in-ve-handler');
    expect(await page.getByTestId('restore-banner').count()).toBe(0);
    await page.context().close();
  });

  it('a large file is read off the main thread, a small one on it; a large refused file keeps the run', async () => {
    const page = await openPlayground(harness);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const readers = () => workers.filter((u) => u.includes('validate.worker')).length;
    const input = page.getByTestId('import-file');
    const small = readFileSync(join(import.meta.dirname, '../../public/scenarios/bug-on.json'));
    await input.setInputFiles({ name: 'bug-on.json', mimeType: 'application/json', buffer: small });
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('BUG_ON'),
    );
    expect(readers()).toBe(0);
    // 20 000 recorded accesses: about 1 MiB of JSON.
    const large = recordedSession('A large recorded session', 20_000, 7, 2);
    const buffer = Buffer.from(JSON.stringify(large));
    expect(buffer.length).toBeGreaterThan(512 * 1024);
    await input.setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer });
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('A large recorded session'),
    );
    expect(readers()).toBe(1);
    await step(page);
    expect(await stepNumber(page)).toBe(1);
    // Large and wrong (an action on vCPU 5 of 2): refused by the worker, the run stays.
    const wrong = {
      ...large,
      actions: [...large.actions.slice(1), { at: 1, type: 'access', vcpu: 5, gpa: '0x2000' }],
    };
    await input.setInputFiles({
      name: 'wrong.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(wrong)),
    });
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toContain('the file "wrong.json" was refused');
    expect(readers()).toBe(2);
    expect(await page.locator('.scenario-title').textContent()).toContain('A large recorded session');
    expect(await stepNumber(page)).toBe(1);
    await page.context().close();
  });

  it('a run too long for localStorage is kept in IndexedDB and offered back after a reload', async () => {
    const page = await openPlayground(harness);
    // 60 000 recorded accesses: about 3 MiB of JSON, over the 2 M characters of the local slot.
    const long = recordedSession('A very long recorded session', 60_000, 9);
    const buffer = Buffer.from(JSON.stringify(long));
    expect(buffer.length).toBeGreaterThan(2_000_000);
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer });
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('A very long recorded session'),
    );
    await step(page);
    await step(page);
    await step(page);
    // The scenario is written to IndexedDB once; the slot keeps the step and points there.
    await expect.poll(() => page.evaluate(savedInDbAt), { timeout: 30_000 }).toBe(3);
    await page.goto(harness.url);
    await page.getByTestId('vcpu-0').waitFor();
    expect(await page.locator('.scenario-title').textContent()).toContain('Playground');
    await page.getByRole('button', { name: 'Restore your last run' }).click();
    await waitStep(page, 3);
    expect(await page.locator('.scenario-title').textContent()).toContain('A very long recorded session');
    // Another scenario opened on a fresh page: the long run is offered; once dismissed and the
    // small run moves, the small run takes the slot back.
    await page.goto('about:blank');
    await page.goto(`${harness.url}${encodeScenarioHash(preset('happy-user'))}`);
    await page.getByTestId('vcpu-0').waitFor();
    await page.getByRole('button', { name: 'Restore your last run' }).waitFor();
    await page
      .getByRole('button', { name: /Dismiss|Not now|No thanks/ })
      .first()
      .click();
    await step(page);
    await page.waitForFunction(() => localStorage.getItem('ve-playground:last-run')?.startsWith('{"at":1,'));
    await page.context().close();
  });

  it('Share of a run too large for a link says so and offers the file export', async () => {
    const page = await openPlayground(harness);
    // 3 000 recorded accesses: a valid scenario of about 150 KiB, over the 64 KiB a link carries.
    const big = recordedSession('A long recorded session', 3000, 40);
    await page.getByTestId('import-file').setInputFiles({
      name: 'long.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(big)),
    });
    await page.waitForFunction(() =>
      document.querySelector('.scenario-title')?.textContent?.includes('A long recorded session'),
    );
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const refusal = page.getByTestId('share-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /too large for a link \(\d+ KiB; a link carries at most 64 KiB\)/,
    );
    expect(await page.getByTestId('share-url').count()).toBe(0);
    const download = page.waitForEvent('download');
    await refusal.getByRole('button', { name: /Export file/ }).click();
    expect((await download).suggestedFilename()).toBe('a-long-recorded-session.json');
    await page.context().close();
  });
});
