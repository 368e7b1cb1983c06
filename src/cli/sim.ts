/**
 * Runs one scenario headless and prints its report (scenario.md "The CLI"):
 *
 *   npm run --silent sim -- <scenario.json | playground URL | -> [--max-steps N] [--no-events] [--trace FILE]
 *
 * Exit status: 0 for a run (whatever its outcome), 2 for an invalid scenario or command line, or
 * an error of the tool itself (`{ "outcome": "error", "message" }`, never a stack trace).
 */
import { parseCliArgs } from './args';
import { readScenarioInput } from './input';
import {
  EXIT_INVALID,
  guardProcess,
  openOutputFile,
  printError,
  printInvalid,
  printJson,
  writeJsonFile,
} from './output';

const USAGE =
  'usage: npm run --silent sim -- <scenario.json | playground URL | -> [--max-steps N] [--no-events] [--trace FILE]';

const HELP = `${USAGE}

Runs a VE Playground scenario and prints one JSON report on stdout.
  <scenario.json>   a scenario file (format "ve-playground/scenario", version 1; UTF-8, or UTF-16 with a BOM)
  <playground URL>  a link containing "#s=…" (quote it for the shell)
  -                 read the scenario JSON or link from stdin
  --max-steps N     stop with outcome "max-steps" after N ticks (default 10000)
  --no-events       leave the per-step events out of the report
  --trace FILE      also write the run as a Chrome trace (Perfetto UI, chrome://tracing)
Exit status: 0 after a run, 2 for an invalid scenario or command line.
`;

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv, {
    'max-steps': { type: 'int', min: 1, max: 1_000_000_000, default: 10_000 },
    'no-events': { type: 'flag' },
    trace: { type: 'string' },
    help: { type: 'flag' },
  });
  if (!parsed.ok) return printInvalid(`${parsed.message} (${USAGE})`);
  const { positionals, flags, ints, strings } = parsed.args;
  if (flags.has('help')) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 1) {
    return printInvalid(
      positionals.length === 0 ? `no scenario given (${USAGE})` : `give exactly one scenario (${USAGE})`,
    );
  }

  const input = await readScenarioInput(positionals[0]!);
  if (!input.ok) return printInvalid(input.message);
  // The trace file is opened before the run: a path that cannot be written is said at once.
  const trace = strings.trace === undefined ? null : await openOutputFile(strings.trace);
  if (trace && !trace.ok) return printInvalid(`--trace: ${trace.message}`);

  // Loaded only once the input is valid: an invalid scenario is reported without the engine.
  const { runScenario } = await import('../engine');
  const events = !flags.has('no-events');
  const report = runScenario(input.scenario, { maxSteps: ints['max-steps'], events });
  if (!events) delete report.events;
  await printJson(report);
  if (trace) {
    const { recordRun } = await import('../trace/recording');
    const { toChromeTrace } = await import('../trace/chromeTrace');
    await writeJsonFile(trace.out, toChromeTrace(recordRun(input.scenario, { maxSteps: ints['max-steps'] })));
  }
  // A pick naming an actor with nothing to do ends the run as "invalid" (scenario.md).
  process.exitCode = report.outcome === 'invalid' ? EXIT_INVALID : 0;
}

guardProcess('sim');
main(process.argv.slice(2)).catch((error: unknown) => printError('sim', error));
