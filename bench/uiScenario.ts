/**
 * The benchmark's machine: 16 vCPUs × 64 entries, many tasks and pages, and seeded random clicks
 * spread over the run.
 */
import { BOTH_FIXES, seededRandom, type Scenario } from '../src/engine';
import playground from '../public/scenarios/playground.json';
import { parseScenario } from '../src/share/schema';

/** The machine's shape and its default clicks (few enough for a link, < 64 KiB of JSON). */
export const BIG = { vcpus: 16, entries: 64, tasks: 6, pages: 48, accesses: 400, span: 6000 };

export function bigScenario(opts = BIG): Scenario {
  const rand = seededRandom(12345);
  const pages = Array.from({ length: opts.pages }, (_, k) => ({
    gpa: '0x' + ((k + 1) * 0x1000).toString(16),
    backing: 'swapped',
    latency: 5 + Math.floor(rand() * 40),
  }));
  const vcpus = Array.from({ length: opts.vcpus }, () => ({
    tasks: Array.from({ length: opts.tasks }, (_, t) =>
      t === opts.tasks - 1
        ? { name: `k${t}`, mode: 'kernel', preemptible: true, fixup: true }
        : { name: `u${t}` },
    ),
  }));
  // Each click is preceded by swapping its page out again, so nearly every click is a fault.
  const actions = Array.from({ length: opts.accesses }, () => {
    const at = 1 + Math.floor(rand() * opts.span);
    const gpa = pages[Math.floor(rand() * pages.length)].gpa;
    return [
      { at: at - 1, type: 'set-page', gpa, backing: 'swapped' },
      { at, type: 'access', vcpu: Math.floor(rand() * opts.vcpus), gpa },
    ];
  })
    .flat()
    .sort((a, b) => a.at - b.at);
  const parsed = parseScenario({
    format: 've-playground/scenario',
    version: 1,
    title: `Benchmark: ${opts.vcpus} vCPUs × ${opts.entries} entries`,
    config: { entries: opts.entries, vcpus, pages },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

/**
 * The default playground (public/scenarios/playground.json: two vCPUs, seven pages) with clicks
 * spread over `span` steps, each after a set-page that swaps its page out again, both fixes on so
 * that no BUG_ON ends the run early: the "long run, small machine" case of bench:ui.
 */
export function defaultPlaygroundLong(accesses = 20000, span = 1_000_000): Scenario {
  const rand = seededRandom(4242);
  const swapped = playground.config.pages.filter((p) => p.backing === 'swapped' && !('suppressVe' in p));
  const actions = Array.from({ length: accesses }, () => {
    const at = 1 + Math.floor(rand() * span);
    const gpa = swapped[Math.floor(rand() * swapped.length)]!.gpa;
    return [
      { at: at - 1, type: 'set-page', gpa, backing: 'swapped' },
      { at, type: 'access', vcpu: Math.floor(rand() * playground.config.vcpus.length), gpa },
    ];
  })
    .flat()
    .sort((a, b) => a.at - b.at);
  const parsed = parseScenario({
    ...playground,
    title: `Benchmark: the default playground, ${accesses} clicks over ${span} steps`,
    narration: undefined,
    config: { ...playground.config, variant: { ...BOTH_FIXES } },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}
