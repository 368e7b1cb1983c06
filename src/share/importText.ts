/**
 * A scenario from text a user brings (a file's contents, dropped text, an embedding page's file):
 * scenario JSON, or a playground link. Never throws: anything that is not a valid scenario becomes
 * a message saying what is wrong. Pure: the page runs it, and a worker does for large inputs.
 */
import type { Scenario } from '../engine';
import { parseScenarioJson } from './schema';
import { decodeText } from './text';
import { scenarioFromUrlOrHash } from './url';

/** Largest file we read at all (a scenario at the format's limits is far below this). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ImportResult = { ok: true; scenario: Scenario; at: number } | { ok: false; message: string };

/** Reads what a user imports: scenario JSON, or a playground link (whole URL, `#s=…` or `s=…`). */
export function importScenarioText(text: string, source = 'the file'): ImportResult {
  if (typeof text !== 'string') return { ok: false, message: `${source} is not text` };
  if (text.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `${source} is too large (${text.length} characters; at most ${MAX_FILE_BYTES} are read)`,
    };
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, message: `${source} is empty` };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseScenarioJson(trimmed);
    if (!parsed.ok) return { ok: false, message: `${source} was refused: ${parsed.message}` };
    return { ok: true, scenario: parsed.scenario, at: 0 };
  }
  const link = scenarioFromUrlOrHash(trimmed);
  if (!link.ok) return { ok: false, message: `${source} was refused: ${link.message}` };
  if (link.scenario === null) {
    return {
      ok: false,
      message: `${source} is neither a scenario (JSON with "format": "ve-playground/scenario") nor a playground link`,
    };
  }
  return { ok: true, scenario: link.scenario, at: link.at ?? 0 };
}

/** Reads a File (from the file picker or a drop), refusing huge ones before reading them. */
/** What reads a file's text: here by default; the page passes one that uses a worker for large texts. */
export type ReadScenarioText = (text: string, source: string) => ImportResult | Promise<ImportResult>;

export async function importScenarioFile(
  file: Blob & { name?: string },
  read: ReadScenarioText = importScenarioText,
): Promise<ImportResult> {
  const source = file.name ? `the file "${file.name.slice(0, 80)}"` : 'the file';
  if (file.size > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `${source} is too large (${file.size} bytes; at most ${MAX_FILE_BYTES} are read)`,
    };
  }
  let text: string;
  try {
    // The CLIs read files the same way: a BOM (or UTF-16 without one) is honoured.
    text = decodeText(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return { ok: false, message: `${source} could not be read` };
  }
  return read(text, source);
}
