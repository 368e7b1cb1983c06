/** An in-process stand-in for the engine worker: records commands, answers `load` / `step` with frames. */
import { startRun, step, takeSnapshot, type Run } from '../../src/engine';
import type { EngineLike } from '../../src/playground/commands';
import type { EngineClientHandlers } from '../../src/worker/client';
import type { ToWorker } from '../../src/worker/protocol';

export interface FakeEngine extends EngineLike {
  sent: ToWorker[];
}

export function fakeEngine(handlers: EngineClientHandlers): FakeEngine {
  let run: Run | null = null;
  let ack = 0;
  const frame = () => {
    if (!run) return;
    handlers.onFrame({
      type: 'frame',
      ack,
      snapshot: takeSnapshot(run),
      playing: false,
      speed: 4,
      events: [],
      stepsPerSecond: 0,
      executedTotal: 0,
      playingMs: 0,
    });
  };
  const engine: FakeEngine = {
    sent: [],
    send(message) {
      ack++;
      engine.sent.push(message);
      if (message.type === 'load') {
        run = startRun(message.scenario);
        frame();
      } else if (message.type === 'step' && run) {
        step(run, []);
        frame();
      }
    },
    restart() {},
    dispose() {},
  };
  return engine;
}
