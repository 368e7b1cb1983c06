/** Navigation by meaning: value tracks agree with the snapshots a user would see at every step. */
import { describe, expect, it } from 'vitest';
import { seededRandom, startRun, takeSnapshot, tick, type Scenario, type Snapshot } from '../../src/engine';
import { loadPreset, presetNames } from '../engine/helpers';
import { longScenario } from '../timetravel/longScenario';
import { recordRun } from '../../src/trace/recording';
import {
  changeSteps,
  faults,
  firstViolation,
  nextChange,
  nextFault,
  previousChange,
  previousFault,
  valueAt,
  valueTracks,
  type Fault,
  type ValueTrack,
} from '../../src/trace/navigation';

const presets = presetNames();
const load = loadPreset;

/** The snapshot at every tick 0..end, stepping from 0. */
function snapshots(scenario: Scenario, end: number): Snapshot[] {
  const run = startRun(scenario);
  const out = [takeSnapshot(run)];
  while (run.state.tick < end && tick(run)) out[run.state.tick] = takeSnapshot(run);
  return out;
}

function read(snap: Snapshot, track: ValueTrack): string {
  const [kind, a, b] = track.id.split(':');
  if (kind === 'busy') return '0x' + snap.vcpus[Number(a)]!.busy.toString(16).toUpperCase().padStart(8, '0');
  if (kind === 'active') return String(snap.vcpus[Number(a)]!.active.filter(Boolean).length);
  if (kind === 'slot') return snap.vcpus[Number(a)]!.slots[Number(b)]!.state;
  const [home, name] = a!.split('/');
  return snap.tasks.find((t) => t.home === Number(home) && t.name === name)!.status;
}

describe('value tracks', () => {
  /** A long busy run (random scheduler), with or without migrateOnWake. */
  const long = (migrateOnWake: boolean): Scenario => {
    const s = longScenario(1500, 12, 7);
    return { ...s, config: { ...s.config, variant: { ...s.config.variant, migrateOnWake } } };
  };
  const special: Record<string, () => Scenario> = {
    'long run': () => long(false),
    'long run, migrateOnWake': () => long(true),
  };

  it.each([...presets, ...Object.keys(special)])(
    '%s: every value at every step is the one the snapshot shows',
    (name) => {
      const scenario = special[name]?.() ?? load(name);
      const rec = recordRun(scenario);
      const tracks = valueTracks(rec);
      const snaps = snapshots(scenario, rec.steps);
      expect(tracks.map((t) => t.id)).toContain('busy:0');
      expect(tracks.map((t) => t.id)).toContain('slot:0:0');
      for (const track of tracks) {
        for (let p = 0; p < snaps.length; p++) {
          const snap = snaps[p];
          if (snap) expect(valueAt(track, p), `${track.id} at ${p}`).toBe(read(snap, track));
        }
        // A change step is exactly where the value differs from the step before.
        for (const c of changeSteps(track)) expect(valueAt(track, c)).not.toBe(valueAt(track, c - 1));
      }
    },
  );

  it('previous / next change walk the changes in order', () => {
    const rec = recordRun(load('happy-user'));
    const busy = valueTracks(rec).find((t) => t.id === 'busy:0')!;
    const changes = changeSteps(busy);
    expect(changes.length).toBeGreaterThanOrEqual(2); // set by hw.ve, cleared by the handler
    expect(valueAt(busy, changes[0]!)).toBe('0xFFFFFFFF');
    let at = 0;
    const seen: number[] = [];
    for (let c = nextChange(busy, at); c !== null; c = nextChange(busy, at)) {
      seen.push(c);
      at = c;
    }
    expect(seen).toEqual(changes);
    const back: number[] = [];
    for (let c = previousChange(busy, at); c !== null; c = previousChange(busy, at)) {
      back.push(c);
      at = c;
    }
    expect(back.reverse()).toEqual(changes.slice(0, -1));
  });
});

describe('first invariant break and faults', () => {
  it.each(presets)('%s: the first break is where the invariant list turns red', (name) => {
    const scenario = load(name);
    const rec = recordRun(scenario);
    const first = firstViolation(rec);
    const snaps = snapshots(scenario, rec.steps);
    const brokenAt = snaps.findIndex((s) => s !== undefined && s.violations.length > 0);
    if (rec.violations.length === 0) expect(first).toBeNull();
    else expect(first).toBe(brokenAt);
  });

  it('lost-wakeup breaks no-lost-wakeup', () => {
    const rec = recordRun(load('lost-wakeup'));
    expect(firstViolation(rec)).not.toBeNull();
    expect(rec.violations.some((v) => v.invariant === 'no-lost-wakeup')).toBe(true);
  });

  it.each(presets)('%s: faults are #VEs and VM exits, each visible at its step', (name) => {
    const scenario = load(name);
    const rec = recordRun(scenario);
    const list = faults(rec);
    const snaps = snapshots(scenario, rec.steps);
    for (const f of list) {
      const v = snaps[f.step]?.vcpus[f.vcpu];
      if (!v) continue;
      if (f.kind === 've') expect(v.busy, `${name}: #VE at ${f.step}`).toBe(0xffffffff);
    }
    for (let k = 0; k + 1 < list.length; k++) {
      expect(nextFault(list, list[k]!.step)?.step).toBeGreaterThan(list[k]!.step);
      expect(previousFault(list, list[k + 1]!.step)?.step).toBeLessThan(list[k + 1]!.step);
    }
  });

  it('next / previous fault: the first fault of the nearest faulting step after / before, as a scan finds it', () => {
    const rand = seededRandom(11);
    for (let run = 0; run < 200; run++) {
      // Ascending steps, several faults sharing a step (two vCPUs fault at once).
      const list: Fault[] = [];
      for (let step = 0, n = Math.floor(rand() * 12); list.length < n;) {
        step += Math.floor(rand() * 3);
        list.push({ step, vcpu: list.length, gpa: '0x2000', kind: 've' });
      }
      for (let step = -1; step <= (list.at(-1)?.step ?? 0) + 1; step++) {
        const after = list.filter((f) => f.step > step);
        const before = list.filter((f) => f.step < step);
        const nearestBefore = before.at(-1)?.step;
        expect(nextFault(list, step)).toBe(after[0] ?? null);
        expect(previousFault(list, step)).toBe(before.find((f) => f.step === nearestBefore) ?? null);
      }
    }
  });

  it('nested-before-clear has a #VE and a VM exit', () => {
    const rec = recordRun(load('nested-before-clear'));
    const kinds = new Set(faults(rec).map((f) => f.kind));
    expect(kinds).toEqual(new Set(['ve', 'vmexit']));
  });
});
