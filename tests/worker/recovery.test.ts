/**
 * Worker faults (issue 13 item 4): the real EngineClient against a fake worker running the real
 * Session. Faults are injected at seeded random points; after Restart the run must be exactly the
 * run without the crash — same scenario (recorded clicks included), same step, same state, same
 * rewound flag, so that a click after Back drops the recorded future in both.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share/schema';
import { EngineClient } from '../../src/worker/client';
import type { ToWorker, WorkerFrame } from '../../src/worker/protocol';
import playground from '../../public/scenarios/playground.json';
import { FakeWorker } from './fakeWorker';

function validate(s: unknown): Scenario {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

const GPAS = ['0x2000', '0x3000', '0x4000', '0x5000'];

interface Rig {
  client: EngineClient;
  workers: FakeWorker[];
  frames: WorkerFrame[];
  errors: string[];
  scenario: Scenario | null;
}

function rig(): Rig {
  const r: Rig = { client: null!, workers: [], frames: [], errors: [], scenario: null };
  r.client = new EngineClient(
    {
      onFrame(frame) {
        r.frames.push(frame);
        if (frame.scenario) r.scenario = frame.scenario;
      },
      onError(message) {
        // The crashed worker is terminated before anyone hears of it.
        expect(r.workers.at(-1)!.terminated).toBe(true);
        r.errors.push(message);
      },
    },
    () => {
      const w = new FakeWorker();
      r.workers.push(w);
      return w;
    },
  );
  return r;
}

/** What the user sees and what a link would hold. */
function seen(r: Rig) {
  const f = r.frames.at(-1)!;
  return {
    snapshot: JSON.stringify(f.snapshot),
    scenario: JSON.stringify(r.scenario),
    undoable: f.undoableClicks,
    rewound: f.rewound,
  };
}

function randomCommands(seed: number, n: number): ToWorker[] {
  const rnd = seededRandom(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const out: ToWorker[] = [{ type: 'load', scenario: validate(playground) }];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.3) out.push({ type: 'access', vcpu: int(2), gpa: GPAS[int(GPAS.length)]! });
    else if (r < 0.6) out.push({ type: 'step' });
    else if (r < 0.72) out.push({ type: 'back' });
    else if (r < 0.82) out.push({ type: 'seek', step: int(120) });
    else if (r < 0.92) out.push({ type: 'undo-click' });
    else if (r < 0.96) out.push({ type: 'reset' });
    else out.push({ type: 'clear-clicks' });
  }
  return out;
}

describe('a crashed worker restarts exactly where it was', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random commands with faults at random points (seed %i)', (seed) => {
    const commands = randomCommands(seed, 80);
    const plain = rig();
    for (const c of commands) plain.client.send(c);
    plain.workers[0]!.pump();

    const faulty = rig();
    const rnd = seededRandom(seed + 1000);
    let crashes = 0;
    for (const c of commands) {
      faulty.client.send(c);
      const worker = faulty.workers.at(-1)!;
      // Handle some of what is queued (maybe nothing), then perhaps die with the rest unhandled.
      if (rnd() < 0.6) worker.pump(Math.floor(rnd() * 3));
      if (rnd() < 0.08) {
        worker.crash();
        crashes++;
        faulty.client.restart();
      }
    }
    faulty.workers.at(-1)!.pump();
    expect(crashes).toBeGreaterThan(0);
    expect(faulty.errors.length).toBe(crashes);
    expect(seen(faulty)).toEqual(seen(plain));
    // And from here both go on alike: Back, then a click drops the same recorded future.
    for (const r of [plain, faulty]) {
      r.client.send({ type: 'back' });
      r.client.send({ type: 'back' });
      r.client.send({ type: 'access', vcpu: 1, gpa: '0x6000' });
      r.workers.at(-1)!.pump();
    }
    expect(seen(faulty)).toEqual(seen(plain));
  });

  it('a click after Back, a crash and Restart drops the recorded future as without the crash', () => {
    const runs = [rig(), rig()].map((r, crashed) => {
      const send = (c: ToWorker) => r.client.send(c);
      send({ type: 'load', scenario: validate(playground) });
      send({ type: 'access', vcpu: 0, gpa: '0x2000' });
      for (let i = 0; i < 10; i++) send({ type: 'step' });
      send({ type: 'access', vcpu: 1, gpa: '0x3000' });
      for (let i = 0; i < 4; i++) send({ type: 'back' });
      r.workers[0]!.pump();
      if (crashed) {
        r.workers[0]!.crash();
        r.client.restart();
        r.workers[1]!.pump();
      }
      send({ type: 'access', vcpu: 1, gpa: '0x4000' });
      r.workers.at(-1)!.pump();
      return r;
    });
    expect(runs[1]!.scenario!.actions.some((a) => a.type === 'access' && a.gpa === '0x3000')).toBe(false);
    expect(seen(runs[1]!)).toEqual(seen(runs[0]!));
  });

  it('acks: a command’s promise resolves once a frame acknowledged it, also across a restart', async () => {
    const r = rig();
    r.client.send({ type: 'load', scenario: validate(playground) });
    r.client.send({ type: 'access', vcpu: 0, gpa: '0x2000' });
    const seq = r.client.send({ type: 'step' });
    let done = false;
    const waiting = r.client.acked(seq).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    r.workers[0]!.crash();
    r.client.restart();
    r.workers[1]!.pump();
    await waiting;
    expect(done).toBe(true);
    expect(r.frames.at(-1)!.snapshot.step).toBeGreaterThan(0);
  });

  it('frames keep the identity of the snapshot parts that did not change', () => {
    const r = rig();
    r.client.send({ type: 'load', scenario: validate(playground) });
    r.client.send({ type: 'access', vcpu: 0, gpa: '0x2000' });
    r.client.send({ type: 'step' });
    r.workers[0]!.pump();
    const [a, b] = r.frames.slice(-2);
    // vCPU 0 took the #VE; vCPU 1 and the pages did not change.
    expect(b!.snapshot.vcpus[0]).not.toBe(a!.snapshot.vcpus[0]);
    expect(b!.snapshot.vcpus[1]).toBe(a!.snapshot.vcpus[1]);
    expect(b!.snapshot.pages).toBe(a!.snapshot.pages);
    expect(b!.snapshot.step).toBe(a!.snapshot.step + 1);
    // The click came back as an edit; the client put the scenario together again.
    expect(r.frames[1]!.scenario!.actions.at(-1)).toEqual({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' });
  });
});
