/**
 * What an element of an embedding page asks its playground to open (mount.tsx): the
 * `data-ve-playground` attribute holds a playground link (`#s=…`, or a whole URL with one) or the
 * address of a scenario file. Both are validated like a file the user imports; a refusal becomes
 * the playground's error message (it then opens the default scenario), never a blank element.
 */
import type { Opened } from '../playground/commands';
import { importScenarioText } from '../share/importText';

/** Reads the text at `url` (a fetch in the page; tests pass their own). */
export type FetchText = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** null: nothing named, the default scenario opens. */
export async function openSource(
  source: string,
  fetchText: FetchText = (url) => fetch(url),
): Promise<Opened | null> {
  const named = source.trim();
  if (named === '') return null;
  if (named.includes('#s=') || named.startsWith('s=')) return importScenarioText(named, 'the link');
  const what = `the scenario file "${named.slice(0, 80)}"`;
  try {
    const response = await fetchText(named);
    if (!response.ok) return { ok: false, message: `${what} could not be loaded (HTTP ${response.status})` };
    return importScenarioText(await response.text(), what);
  } catch {
    return { ok: false, message: `${what} could not be loaded` };
  }
}
