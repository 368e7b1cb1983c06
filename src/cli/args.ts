/**
 * What the command-line tools share: reading a scenario from a file, a playground URL or stdin,
 * a small option parser, and the `invalid` report (scenario.md "The CLI": exit status 2).
 */
import { readFile, stat } from 'node:fs/promises';
import { parseScenarioJson, scenarioFromUrlOrHash } from '../share';
import type { ParseResult } from '../share';

/** Largest scenario file (or stdin) we read: well above 100000 actions, far below trouble. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Exit status for an invalid scenario or bad command line. */
export const EXIT_INVALID = 2;

/** Prints one JSON value with 2-space indentation (the reports' format) on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints `{ "outcome": "invalid", "message": … }` and sets the exit status to 2. */
export function printInvalid(message: string): void {
  printJson({ outcome: 'invalid', message });
  process.exitCode = EXIT_INVALID;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new Error(`input is larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function looksLikeLink(text: string): boolean {
  return text.includes('#s=') || /^https?:\/\//i.test(text);
}

/** A scenario from text that is either scenario JSON or a playground link. */
export function scenarioFromText(text: string, source: string): ParseResult {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && looksLikeLink(trimmed)) {
    const decoded = scenarioFromUrlOrHash(trimmed);
    if (!decoded.ok) return { ok: false, message: decoded.message };
    if (decoded.scenario === null) {
      return { ok: false, message: `${source}: a link without a scenario (expected "#s=…")` };
    }
    return { ok: true, scenario: decoded.scenario };
  }
  return parseScenarioJson(trimmed);
}

/**
 * Reads the scenario named by a CLI argument: a playground URL (`http…` or anything with `#s=`), `-` for
 * stdin (JSON or a URL), or the path of a JSON file. Never throws; failures are messages.
 */
export async function readScenarioInput(arg: string): Promise<ParseResult> {
  try {
    if (arg === '-') return scenarioFromText(await readStdin(), 'stdin');
    if (looksLikeLink(arg)) return scenarioFromText(arg, 'the link');
    const info = await stat(arg);
    if (!info.isFile()) return { ok: false, message: `cannot read ${JSON.stringify(arg)}: not a file` };
    if (info.size > MAX_INPUT_BYTES) {
      return {
        ok: false,
        message: `cannot read ${JSON.stringify(arg)}: larger than ${MAX_INPUT_BYTES} bytes`,
      };
    }
    return scenarioFromText(await readFile(arg, 'utf8'), JSON.stringify(arg));
  } catch (error) {
    const where = arg === '-' ? 'stdin' : JSON.stringify(arg);
    return { ok: false, message: `cannot read ${where}: ${errorText(error)}` };
  }
}

export type OptionSpec =
  { type: 'flag' } | { type: 'int'; min: number; max: number; default: number } | { type: 'string' };

export interface ParsedArgs {
  positionals: string[];
  /** Flags given on the command line. */
  flags: Set<string>;
  /** Every integer option, given or defaulted. */
  ints: Record<string, number>;
  /** String options given on the command line. */
  strings: Record<string, string>;
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; message: string };

/**
 * Parses `--flag`, `--name N`, `--name=N` and positionals; `--` ends options and `-` is a
 * positional (stdin). Options not in `spec` are errors.
 */
export function parseCliArgs(
  argv: readonly string[],
  spec: Readonly<Record<string, OptionSpec>>,
): ArgsResult {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const ints: Record<string, number> = {};
  const strings: Record<string, string> = {};
  for (const [name, option] of Object.entries(spec)) {
    if (option.type === 'int') ints[name] = option.default;
  }
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('--')) {
      if (!onlyPositionals && arg.startsWith('-') && arg !== '-') {
        return { ok: false, message: `unknown option ${JSON.stringify(arg)}` };
      }
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (option === undefined) return { ok: false, message: `unknown option "--${name}"` };
    if (option.type === 'flag') {
      if (eq >= 0) return { ok: false, message: `option "--${name}" takes no value` };
      flags.add(name);
      continue;
    }
    let text: string | undefined;
    if (eq >= 0) text = arg.slice(eq + 1);
    else {
      text = argv[i + 1];
      i++;
    }
    if (option.type === 'string') {
      if (text === undefined || text === '')
        return { ok: false, message: `option "--${name}" needs a value` };
      strings[name] = text;
      continue;
    }
    if (text === undefined || !/^[0-9]+$/.test(text)) {
      return {
        ok: false,
        message: `option "--${name}" needs an integer ${option.min}..${option.max}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
      };
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < option.min || value > option.max) {
      return { ok: false, message: `option "--${name}" must be ${option.min}..${option.max}, got ${text}` };
    }
    ints[name] = value;
  }
  return { ok: true, args: { positionals, flags, ints, strings } };
}
