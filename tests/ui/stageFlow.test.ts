/**
 * The stage's data flow (src/ui/stage/flow.ts): what each line of a real run moves, and where each
 * vCPU stands on guest → VE info → ve_page → host → back; the arrows' geometry (arrowPath.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRun, step, takeSnapshot, type TraceEvent } from '../../src/engine';
import { parseScenario } from '../../src/share';
import { movesOf, vcpuStage, type FlowStage } from '../../src/ui/stage/flow';
import { arrowPath, pointAt } from '../../src/ui/stage/arrowPath';

function preset(name: string) {
  const file = join(import.meta.dirname, '../../public/scenarios', `${name}.json`);
  const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

/** Every step of a preset's run: its events and vCPU 0's stage after it. */
function walk(name: string, max = 200): { events: TraceEvent[]; stages: FlowStage[] } {
  const run = startRun(preset(name));
  const events: TraceEvent[] = [];
  const stages: FlowStage[] = [vcpuStage(takeSnapshot(run).vcpus[0]!)];
  for (let n = 0; n < max && run.state.outcome === null; n++) {
    step(run, events);
    stages.push(vcpuStage(takeSnapshot(run).vcpus[0]!));
  }
  return { events, stages };
}

/** "kind from→to" with the first readout of each end, for readable expectations. */
function movesIn(events: TraceEvent[]): string[] {
  return events.flatMap(movesOf).map((m) => `${m.kind} ${m.from[0]} → ${m.to[0]}`);
}

describe('the stage’s moves', () => {
  it('follow a fault of happy-user from the page to the woken task', () => {
    const moves = movesIn(walk('happy-user').events);
    const expected = [
      'hw.access [data-testid="page-0x2000"] → [data-testid="busy-0"]',
      'hw.ve [data-testid="page-0x2000"] → [data-testid="vcpu-0"] :is(.ve-info, .ve-info-fold)',
      've.copy [data-testid="vcpu-0"] :is(.ve-info, .ve-info-fold) → [data-testid="slot-0-0"]',
      've.guest_current [data-testid="slot-0-0"] → [data-testid="guest-current-0"]',
      've.cc.hypercall [data-testid="slot-0-0"] → section.host',
      've.cc.wait [data-testid="task-0-app"] → [data-testid="slot-0-0"]',
      'hc.write section.host → [data-testid="slot-0-0"]',
      'hc.switch section.host → [data-testid="completion-queue-0"]',
      'inj.host_current [data-testid="completion-queue-0"] → [data-testid="host-current-0"]',
      'inj.inject [data-testid="completion-queue-0"] → [data-testid="vcpu-0"]',
      'gc.info [data-testid="host-current-0"] → [data-testid="slot-0-0"]',
      'gc.wake [data-testid="slot-0-0"] → [data-testid="task-0-app"]',
    ];
    // In this order, with nothing else moving in between but hc.read (info → host).
    expect(moves.filter((m) => !m.startsWith('hc.read'))).toEqual(expected);
    expect(moves).toContain('hc.read [data-testid="slot-0-0"] → section.host');
  });

  it('send a nested access on a set busy word to the host as a VM exit', () => {
    const moves = movesIn(walk('nested-before-clear').events);
    expect(moves).toContain('hw.access [data-testid="page-0x3000"] → section.host');
    expect(moves).toContain('vmexit.wait [data-testid="vcpu-0"] → section.host');
    expect(moves.some((m) => m.startsWith('vmexit.resolved section.host → [data-testid="vcpu-0"]'))).toBe(
      true,
    );
  });

  it('name the woken task of another vCPU by its home', () => {
    const [move] = movesOf({ step: 9, actor: 'vcpu1', kind: 'gc.wake', detail: { idx: 2, woke: 'vcpu0/a' } });
    expect(move?.from[0]).toBe('[data-testid="slot-1-2"]');
    expect(move?.to[0]).toBe('[data-testid="task-0-a"]');
    expect(movesOf({ step: 9, actor: 'vcpu1', kind: 'gc.wake', detail: { idx: 2, woke: null } })).toEqual([]);
  });
});

describe('vcpuStage', () => {
  it('walks happy-user’s vCPU through every stage in the mail’s order', () => {
    const { stages } = walk('happy-user');
    const order = stages.filter((s, n) => s !== stages[n - 1]);
    expect(order.slice(0, 4)).toEqual(['guest', 've-info', 've-page', 'host']);
    expect(order).toContain('back');
    expect(stages.at(-1)).toBe('guest');
  });

  it('puts a suspended vCPU (SUSPEND_ME) in the host', () => {
    const { stages } = walk('suspend-preempt-off');
    expect(stages).toContain('host');
  });
});

describe('arrowPath', () => {
  it('runs from edge to edge in whole pixels with the head at the end', () => {
    const a = arrowPath({ x: 0, y: 0, width: 100, height: 40 }, { x: 300, y: 200, width: 50, height: 20 });
    expect(a.start.x).toBeGreaterThanOrEqual(50);
    expect(a.start.x).toBeLessThanOrEqual(100);
    expect(a.end.x).toBeGreaterThanOrEqual(300);
    expect(a.end.y).toBeLessThanOrEqual(210);
    expect(a.path).toMatch(/^M-?\d+,-?\d+Q-?\d+,-?\d+ -?\d+,-?\d+$/);
    expect(a.head.startsWith(`M${a.end.x},${a.end.y}L`)).toBe(true);
  });

  it('starts at the centre of a panel that holds the other end', () => {
    const a = arrowPath({ x: 0, y: 0, width: 400, height: 400 }, { x: 10, y: 300, width: 40, height: 20 });
    expect(a.start).toEqual({ x: 200, y: 200 });
  });

  it('gives the points of its curve, where the words can go: the ends and the middle', () => {
    const a = arrowPath({ x: 0, y: 0, width: 100, height: 40 }, { x: 300, y: 200, width: 50, height: 20 });
    expect(pointAt(a, 0)).toEqual(a.start);
    expect(pointAt(a, 1)).toEqual(a.end);
    expect(pointAt(a, 0.5)).toEqual(a.middle);
    // The curve bends off the chord: its middle is not the chord's.
    expect(a.middle).not.toEqual({
      x: Math.round((a.start.x + a.end.x) / 2),
      y: Math.round((a.start.y + a.end.y) / 2),
    });
  });
});
