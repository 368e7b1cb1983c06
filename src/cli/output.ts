/**
 * What the tools print: one JSON value, written in pieces so a report or a trace of any size
 * never becomes one giant string (V8 refuses strings over ~512 MiB), and the `invalid` / `error`
 * reports with exit status 2 (scenario.md "The CLI").
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { errorText } from './input';

/** Exit status for an invalid scenario, a bad command line or an error of the tool itself. */
export const EXIT_INVALID = 2;

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * The text of `JSON.stringify(value, null, pretty ? 2 : undefined)` in pieces: arrays and objects
 * of the top two levels are walked, what is below them is stringified whole.
 */
export function* jsonChunks(value: unknown, pretty: boolean, indent = '', depth = 0): Generator<string> {
  const isArray = Array.isArray(value);
  const walk = depth < 2 && value !== null && typeof value === 'object' && !('toJSON' in value);
  if (!walk) {
    const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
    yield pretty && indent ? text.replace(/\n/g, `\n${indent}`) : text;
    return;
  }
  const entries: [string | null, unknown][] = isArray
    ? (value as unknown[]).map((v) => [null, v])
    : Object.entries(value).filter(([, v]) => !omitted(v));
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    yield open + close;
    return;
  }
  const inner = pretty ? `${indent}  ` : '';
  const newline = pretty ? '\n' : '';
  yield open;
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    yield `${i > 0 ? ',' : ''}${newline}${inner}${key === null ? '' : `${JSON.stringify(key)}:${pretty ? ' ' : ''}`}`;
    if (key === null && omitted(v)) yield 'null';
    else yield* jsonChunks(v, pretty, inner, depth + 1);
  }
  yield `${newline}${indent}${close}`;
}

/** Writes `value` as JSON on `out` in chunks of about 1 MiB, waiting when the stream is full. */
async function writeJson(out: Writable, value: unknown, pretty: boolean): Promise<void> {
  let buffer = '';
  for (const chunk of jsonChunks(value, pretty)) {
    buffer += chunk;
    if (buffer.length >= 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  if (pretty) buffer += '\n';
  if (!out.write(buffer)) await once(out, 'drain');
}

/** Prints one JSON value with 2-space indentation (the reports' format) on stdout. */
export function printJson(value: unknown): Promise<void> {
  return writeJson(process.stdout, value, true);
}

/** Prints `{ "outcome": "invalid", "message": … }` and sets the exit status to 2. */
export async function printInvalid(message: string): Promise<void> {
  process.exitCode = EXIT_INVALID;
  await printJson({ outcome: 'invalid', message });
}

/** An error of the tool itself: `{ "outcome": "error", "message": … }`, exit 2, no stack trace. */
export function printError(tool: string, error: unknown): void {
  process.exitCode = EXIT_INVALID;
  process.stdout.write(
    `${JSON.stringify({ outcome: 'error', message: `${tool}: ${errorText(error)}` }, null, 2)}\n`,
  );
}

/**
 * Whatever escapes `main` (a broken pipe, a fault in a callback) still ends as an `error` report
 * with exit status 2, not a stack trace.
 */
export function guardProcess(tool: string): void {
  const fatal = (error: unknown) => {
    try {
      printError(tool, error);
    } finally {
      process.exit(EXIT_INVALID);
    }
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.stdout.on('error', () => process.exit(EXIT_INVALID));
}

/** A file opened for writing before any work is done, so a bad path is said at once. */
export async function openOutputFile(
  path: string,
): Promise<{ ok: true; out: Writable } | { ok: false; message: string }> {
  const out = createWriteStream(path);
  try {
    await once(out, 'open');
    return { ok: true, out };
  } catch (error) {
    return { ok: false, message: `cannot write ${JSON.stringify(path)}: ${errorText(error)}` };
  }
}

/** Writes `value` as compact JSON to an opened file and closes it. */
export async function writeJsonFile(out: Writable, value: unknown): Promise<void> {
  await writeJson(out, value, false);
  out.end();
  await once(out, 'finish');
}
