/**
 * Links as a mail delivers them (issue 13 item 2): pasted whole, and opened from the address bar
 * (the WHATWG URL parser drops line breaks and percent-encodes quotes, `>` and spaces, as the
 * browser does before the playground reads `location.hash`).
 */
import { describe, expect, it } from 'vitest';
import { decodeScenarioHash, scenarioFromUrlOrHash, type HashDecodeResult } from '../../src/share';
import { unmailLink } from '../../src/share/mailedLink';
import { MAILED_URLS, type MailedUrl } from './saved-urls';

function expectOpens(result: HashDecodeResult, mailed: MailedUrl): void {
  if (!result.ok) throw new Error(`${mailed.name}: ${result.message}`);
  expect(result.scenario?.title).toBe(mailed.title);
  if (result.scenario === null) return;
  expect(result.at).toBe(mailed.at);
  if (mailed.note) expect(result.note).toMatch(/not a step number.*opened at step 0/);
  else expect(result.note).toBeUndefined();
}

/** What `location.hash` holds after the link was pasted into the address bar. */
function addressBarHash(text: string): string {
  return new URL(`http://127.0.0.1:5173/${text.slice(text.indexOf('#'))}`).hash;
}

describe('links as mail delivers them', () => {
  it('there are the forms of issue 13', () => {
    expect(MAILED_URLS.length).toBeGreaterThanOrEqual(15);
    expect(MAILED_URLS.some((m) => m.url.includes('\n> '))).toBe(true);
    expect(MAILED_URLS.some((m) => m.url.includes('=\n'))).toBe(true);
  });

  for (const mailed of MAILED_URLS) {
    it(`${mailed.name}: pasted, it opens at its step`, () => {
      expectOpens(scenarioFromUrlOrHash(mailed.url), mailed);
    });
    it(`${mailed.name}: from the address bar, it opens at its step`, () => {
      expectOpens(decodeScenarioHash(addressBarHash(mailed.url)), mailed);
    });
  }

  it('a space inside the payload is still a plus sign when that is what decodes', () => {
    const [plain] = MAILED_URLS;
    const link = unmailLink(plain!.url);
    expect(link).toContain('+');
    expectOpens(scenarioFromUrlOrHash(link.replace(/\+/g, ' ')), plain!);
  });

  it('strips what surrounds a link and nothing of the payload', () => {
    expect(unmailLink('<https://x/#s=AB$C-D+&at=5>.')).toBe('https://x/#s=AB$C-D+&at=5');
    expect(unmailLink('("#s=AB$")!?')).toBe('#s=AB$');
    expect(unmailLink('#s=AB%22%3E')).toBe('#s=AB');
    expect(unmailLink('#s=AB\n>  CD \r\n>>EF')).toBe('#s=ABCDEF');
    expect(unmailLink('#s=3DAB=\nCD&at=3D2')).toBe('#s=ABCD&at=2');
  });

  it('long runs of punctuation and spaces cost linear time (no backtracking)', () => {
    const hostile = `#s=${' '.repeat(200_000)}x${'.'.repeat(200_000)}x${'\n'.repeat(1000)}`;
    expect(unmailLink(hostile).length).toBeLessThan(hostile.length);
    expect(decodeScenarioHash(hostile).ok).toBe(false);
  });

  it('damaged links are still refused: the leniency does not open anything else', () => {
    const [plain] = MAILED_URLS;
    const link = unmailLink(plain!.url);
    const cut = link.slice(0, link.indexOf('#s=') + 60);
    expect(scenarioFromUrlOrHash(`${cut}.`).ok).toBe(false);
    expect(scenarioFromUrlOrHash(`${link.replace('N4Ig', 'N4I!g')})`).ok).toBe(false);
  });
});
