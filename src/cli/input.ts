/**
 * Reading the scenario a command works on: a file, a playground URL or stdin, each either
 * scenario JSON or a link. Never throws; failures are messages for the `invalid` report.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseScenarioJson, scenarioFromUrlOrHash } from '../share';
import type { ParseResult } from '../share';
import { decodeText } from '../share/text';

/** Largest scenario file (or stdin) we read: well above 100000 actions, far below trouble. */
const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export function errorText(error: unknown): string {
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
  return decodeText(Buffer.concat(chunks));
}

function looksLikeLink(text: string): boolean {
  return text.includes('#s=') || /^https?:\/\//i.test(text);
}

/** A scenario from text that is either scenario JSON or a playground link. */
function scenarioFromText(text: string, source: string): ParseResult {
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
    return scenarioFromText(decodeText(await readFile(arg)), JSON.stringify(arg));
  } catch (error) {
    const where = arg === '-' ? 'stdin' : JSON.stringify(arg);
    return { ok: false, message: `cannot read ${where}: ${errorText(error)}` };
  }
}
