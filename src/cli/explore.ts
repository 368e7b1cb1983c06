/**
 * Explores every interleaving of a small machine and prints the report of explore.md:
 *
 *   npm run --silent explore -- <scenario.json | playground URL | -> [--max-states N] [--max-memory MiB]
 *
 * The search is bounded by states and by memory; a bound reached gives `complete: false` with a
 * `reason` and a `message`. Exit status: 0 after an exploration (whatever it found), 2 for an
 * invalid scenario or command line, or an error (`{ "outcome": "error", "message" }`, or the
 * report so far with `reason: "error"`), never a stack trace.
 */
import { DEFAULT_MAX_MEMORY_MIB } from '../explore/bounds';
import { parseCliArgs } from './args';
import { readScenarioInput } from './input';
import { EXIT_INVALID, guardProcess, printError, printInvalid, printJson } from './output';

const USAGE =
  'usage: npm run --silent explore -- <scenario.json | playground URL | -> [--max-states N] [--max-memory MiB]';

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv, {
    'max-states': { type: 'int', min: 1, max: 100_000_000, default: 0 },
    'max-memory': { type: 'int', min: 16, max: 1_048_576, default: DEFAULT_MAX_MEMORY_MIB },
    help: { type: 'flag' },
  });
  if (!parsed.ok) return printInvalid(`${parsed.message} (${USAGE})`);
  const { positionals, flags, ints } = parsed.args;
  if (flags.has('help')) {
    process.stdout.write(
      `${USAGE}\n\nSearches every interleaving of the scenario's machine (its "explore" block, or each page once on each vCPU) and prints one JSON report.\n  --max-states N    stop after N distinct states (default: the explore block's maxStates, or 1000000)\n  --max-memory MiB  stop before the search holds more than this (default ${DEFAULT_MAX_MEMORY_MIB})\nA bound reached gives "complete": false with a "reason" and a "message". "complete": true means no\nstate was missed, unless two distinct states share a 64-bit hash ("hash": "64-bit").\n`,
    );
    return;
  }
  if (positionals.length !== 1) return printInvalid(`give exactly one scenario (${USAGE})`);
  const input = await readScenarioInput(positionals[0]!);
  if (!input.ok) return printInvalid(input.message);
  const { explore } = await import('../explore/explore');
  const report = explore(input.scenario, {
    maxStates: ints['max-states'] || undefined,
    maxMemoryMiB: ints['max-memory'],
  });
  await printJson(report);
  if (report.reason === 'error') process.exitCode = EXIT_INVALID;
}

guardProcess('explore');
main(process.argv.slice(2)).catch((error: unknown) => printError('explore', error));
