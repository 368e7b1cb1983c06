/**
 * Differential test: 1 000 seeded random scenarios run through the engine and through the
 * independent reference model (tests/reference/model.ts) must agree step for step — events
 * (step, actor, kind), outcome, steps, final vCPUs and tasks — in at least 99 % of cases.
 */
import { describe, expect, it } from 'vitest';
import { compareRun, parsed } from './compare';
import { randomScenarioJson } from './generate';

describe('engine vs reference model', () => {
  it('agrees on at least 99 % of 1 000 seeded random scenarios', () => {
    let agree = 0;
    let total = 0;
    const differing: string[] = [];
    for (let seed = 1; seed <= 1000; seed++) {
      const sc = parsed(randomScenarioJson(seed));
      if (!sc) continue;
      total++;
      const d = compareRun(sc);
      if (d === null) agree++;
      else if (differing.length < 5) differing.push(`seed ${seed}: ${d.what.slice(0, 240)}`);
    }
    console.log(`engine/model agreement: ${agree}/${total}\n${differing.join('\n')}`);
    expect(total).toBeGreaterThan(950);
    expect(agree / total).toBeGreaterThanOrEqual(0.99);
  });
});
