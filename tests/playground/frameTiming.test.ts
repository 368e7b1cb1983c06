/**
 * When a worker frame reaches the store: a frame answering a command (jump, Back, a click) at
 * once, so it is painted in the coming frame; frames while playing once per animation frame, the
 * newest one only.
 */
import { describe, expect, it } from 'vitest';
import { startRun, step, takeSnapshot } from '../../src/engine';
import { createPlaygroundStore } from '../../src/playground/createPlaygroundStore';
import type { EngineClientHandlers } from '../../src/worker/client';
import type { WorkerFrame } from '../../src/worker/protocol';
import { loadPreset } from '../engine/helpers';

function playground() {
  let handlers: EngineClientHandlers | null = null;
  const pg = createPlaygroundStore({
    connect: (h) => {
      handlers = h;
      return { send() {}, restart() {}, dispose() {} };
    },
  });
  pg.start();
  if (!handlers) throw new Error('not connected');
  return { pg, handlers: handlers as EngineClientHandlers };
}

/** Frames of a preset's run at steps 1, 2, 3, … */
function framesOf(playing: boolean, count: number): WorkerFrame[] {
  const scenario = loadPreset('happy-user');
  const run = startRun(scenario);
  return Array.from({ length: count }, (_, k): WorkerFrame => {
    step(run, []);
    return {
      type: 'frame',
      ack: k + 1,
      snapshot: takeSnapshot(run),
      playing,
      speed: 'max',
      events: [],
      stepsPerSecond: 0,
      executedTotal: k + 1,
      playingMs: 0,
      ...(k === 0 ? { scenario } : {}),
    };
  });
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('frames in the store', () => {
  it('shows a frame that answers a command in the same task', () => {
    const { pg, handlers } = playground();
    const [first, second] = framesOf(false, 2);
    handlers.onFrame(first!);
    expect(pg.store.getState().step).toBe(1);
    handlers.onFrame(second!);
    expect(pg.store.getState().step).toBe(2);
    expect(pg.store.getState().scenario?.title).toBe(loadPreset('happy-user').title);
  });

  it('while playing, applies the newest frame once per animation frame and keeps a skipped scenario', async () => {
    const { pg, handlers } = playground();
    const frames = framesOf(true, 3);
    let renders = 0;
    pg.store.subscribe(() => renders++);
    for (const f of frames) handlers.onFrame(f);
    expect(pg.store.getState().step).toBe(0);
    await nextTurn();
    expect(pg.store.getState().step).toBe(3);
    expect(renders).toBe(1);
    // The scenario came with the first frame, which was skipped: the store has it all the same.
    expect(pg.store.getState().scenario?.title).toBe(loadPreset('happy-user').title);
  });

  it('a stopped frame after playing ones is shown at once, and the pending one does not undo it', async () => {
    const { pg, handlers } = playground();
    const [a, b] = framesOf(true, 2);
    const [stopped] = framesOf(false, 1);
    handlers.onFrame(a!);
    handlers.onFrame(b!);
    handlers.onFrame(stopped!);
    expect(pg.store.getState().step).toBe(1);
    expect(pg.store.getState().playing).toBe(false);
    await nextTurn();
    expect(pg.store.getState().step).toBe(1);
  });
});
