/**
 * A run at rest never leaves work undone (protocol.md rule 6.8, revision 2), over random machines
 * and action sequences (arbitraries.ts), under the mail and every variant switch: no runnable task
 * still has an access to make or a #VE handler to finish, and a quiescent run has given back every
 * slot and re-armed every busy word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, startRun, takeSnapshot, tickOnce, type Variant } from '../../src/engine';
import { actionsArb, buildScenario, machineArb, scenarioJson } from './arbitraries';
import { BOTH_FIXES } from '../../src/engine';

const MAX_STEPS = 5000;

const VARIANTS: Partial<Variant>[] = [
  {},
  BOTH_FIXES,
  { ...BOTH_FIXES, migrateOnWake: true },
  { migrateOnWake: true },
  { injectWhen: 'always' },
  { reentrancyClear: 'at-entry' },
  { bitmapFullCheck: false },
  { tifInVeClear: 'owner' },
  { smClear: 'after-release' },
];

describe('at rest, no work is left undone', () => {
  it('no runnable task has a pending access or an open #VE frame; quiescent runs hold no slot and no busy word', () => {
    fc.assert(
      fc.property(machineArb, actionsArb, fc.constantFrom(...VARIANTS), (m, raw, variant) => {
        const run = startRun(buildScenario(m, raw, variant));
        advanceTo(run, MAX_STEPS);
        const s = run.state;
        const msg = `${s.outcome}: ${s.message ?? ''}\n${JSON.stringify(scenarioJson(m, raw, variant))}`;
        if (s.outcome !== 'quiescent' && s.outcome !== 'hung') return;
        for (const t of s.tasks) {
          if (t.status !== 'runnable') continue;
          expect(t.pending, `${t.name}: ${msg}`).toEqual([]);
          expect(t.frames, `${t.name}: ${msg}`).toEqual([]);
        }
        if (s.outcome !== 'quiescent') return;
        for (const v of takeSnapshot(run).vcpus) {
          expect(
            v.active.every((b) => !b),
            msg,
          ).toBe(true);
          expect(v.busy, msg).toBe(0);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("each vCPU's count of runnable tasks with work left (what the yield looks at) stays exact", () => {
    fc.assert(
      fc.property(machineArb, actionsArb, fc.constantFrom(...VARIANTS), (m, raw, variant) => {
        const run = startRun(buildScenario(m, raw, variant));
        const s = run.state;
        while (s.tick < MAX_STEPS && tickOnce(run, undefined, Infinity) !== 'stop') {
          expect(s.waiting).toBe(s.vcpus.reduce((sum, v) => sum + v.waiting, 0));
          s.vcpus.forEach((v, vi) => {
            const waiting = s.tasks.filter(
              (t) =>
                t.vcpu === vi && t.status === 'runnable' && (t.pending.length > 0 || t.frames.length > 0),
            ).length;
            expect(
              v.waiting,
              `vCPU ${vi} at ${s.tick}: ${JSON.stringify(scenarioJson(m, raw, variant))}`,
            ).toBe(waiting);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
