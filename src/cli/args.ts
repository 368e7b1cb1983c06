/**
 * The command line of the tools: `node:util` `parseArgs` reads it, and this file checks what it
 * read against a small spec (flags, bounded integers, strings), so that every mistake is a
 * message for the `invalid` report instead of an exception.
 */
import { parseArgs } from 'node:util';

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

function fail(message: string): ArgsResult {
  return { ok: false, message };
}

/**
 * Parses `--flag`, `--name N`, `--name=N` and positionals; `--` ends options and `-` is a
 * positional (stdin). Options not in `spec` are errors.
 */
export function parseCliArgs(
  argv: readonly string[],
  spec: Readonly<Record<string, OptionSpec>>,
): ArgsResult {
  const options: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const [name, option] of Object.entries(spec)) {
    options[name] = { type: option.type === 'flag' ? 'boolean' : 'string' };
  }
  // Not strict: unknown options and missing values come back as tokens, and get our messages.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals: string[] = [];
  const flags = new Set<string>();
  const ints: Record<string, number> = {};
  const strings: Record<string, string> = {};
  for (const [name, option] of Object.entries(spec)) {
    if (option.type === 'int') ints[name] = option.default;
  }
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    const option = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (option === undefined || !rawName.startsWith('--')) return fail(`unknown option "${rawName}"`);
    if (option.type === 'flag') {
      if (token.value !== undefined) return fail(`option "--${name}" takes no value`);
      flags.add(name);
      continue;
    }
    const text = token.value;
    if (option.type === 'string') {
      if (text === undefined || text === '') return fail(`option "--${name}" needs a value`);
      strings[name] = text;
      continue;
    }
    if (text === undefined || !/^[0-9]+$/.test(text)) {
      return fail(
        `option "--${name}" needs an integer ${option.min}..${option.max}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
      );
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < option.min || value > option.max) {
      return fail(`option "--${name}" must be ${option.min}..${option.max}, got ${text}`);
    }
    ints[name] = value;
  }
  return { ok: true, args: { positionals, flags, ints, strings } };
}
