/**
 * `npm run bench`: runs every `*.bench.ts` in bench/ one after the other, each in its own Node
 * process (so one benchmark's heap and JIT state do not colour the next), except those that have
 * an npm script of their own (e.g. `bench:ui`, which drives a browser). Arguments filter by name:
 * `npm run bench -- explore`. Exits non-zero if one of them fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const tsx = join(dir, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const only = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as {
  scripts?: Record<string, string>;
};
/** Commands of the other npm scripts: a benchmark named there has its own script. */
const otherScripts = Object.entries(pkg.scripts ?? {})
  .filter(([name]) => name !== 'bench')
  .map(([, command]) => command)
  .join(' ');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && !otherScripts.includes(`bench/${f}`))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [tsx, join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${file}: exit ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
