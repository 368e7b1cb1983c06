/**
 * Scenario files: export (the minimal JSON of scenario.md, pretty-printed) and import (a `.json`
 * file, or a text file / dropped text holding a playground link). Import never throws: anything
 * that is not a valid scenario becomes a message saying what is wrong.
 */
import type { Scenario } from '../../engine';
import { decodeText, parseScenarioJson, scenarioFromUrlOrHash, toMinimalJsonText } from '../../share';

/** Largest file we read at all (a scenario at the format's limits is far below this). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ImportResult = { ok: true; scenario: Scenario; at: number } | { ok: false; message: string };

/** The JSON a scenario is exported as: defaults left out, two-space indent, final newline. */
export function exportScenarioText(scenario: Scenario): string {
  return `${toMinimalJsonText(scenario, 2)}\n`;
}

/** A file name from the title: `nested-ept-violation-before-….json`, or `scenario.json`. */
export function exportFileName(scenario: Scenario): string {
  const slug = (scenario.title ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'scenario'}.json`;
}

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
export async function importScenarioFile(file: Blob & { name?: string }): Promise<ImportResult> {
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
  return importScenarioText(text, source);
}

/** Offers the scenario as a download (browser only). */
export function downloadScenario(scenario: Scenario): void {
  const blob = new Blob([exportScenarioText(scenario)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(scenario);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
