/**
 * Explores every interleaving of a small machine and prints the report of explore.md:
 *
 *   npm run --silent explore -- <scenario.json | playground URL | -> [--max-states N]
 *
 * Exit status: 0 after an exploration (whatever it found), 2 for an invalid scenario or command line.
 */
import { parseCliArgs, printInvalid, printJson, readScenarioInput } from './args';

const USAGE = 'usage: npm run --silent explore -- <scenario.json | playground URL | -> [--max-states N]';

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv, {
    'max-states': { type: 'int', min: 1, max: 100_000_000, default: 0 },
    help: { type: 'flag' },
  });
  if (!parsed.ok) return printInvalid(`${parsed.message} (${USAGE})`);
  const { positionals, flags, ints } = parsed.args;
  if (flags.has('help')) {
    process.stdout.write(
      `${USAGE}\n\nSearches every interleaving of the scenario's machine (its "explore" block, or each page once on each vCPU) and prints one JSON report.\n`,
    );
    return;
  }
  if (positionals.length !== 1) return printInvalid(`give exactly one scenario (${USAGE})`);
  const input = await readScenarioInput(positionals[0]);
  if (!input.ok) return printInvalid(input.message);
  const { explore } = await import('../explore/explore');
  const maxStates = ints['max-states'] || undefined;
  printJson(explore(input.scenario, { maxStates }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `explore: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
