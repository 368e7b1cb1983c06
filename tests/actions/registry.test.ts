/**
 * Walks every action of the registry on a real playground store (with an in-process engine):
 * each is enabled or says why not, and performing it has the effect a user would see.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIONS, actionById, actionForEmbed } from '../../src/actions/registry';
import { runAction } from '../../src/actions/run';
import type { ActionId } from '../../src/actions/types';
import { createPlaygroundStore, type Playground } from '../../src/playground/createPlaygroundStore';
import { loadPreset } from '../engine/helpers';
import { fakeEngine, type FakeEngine } from './fakeEngine';

function playground(): { pg: Playground; engine: () => FakeEngine } {
  let engine: FakeEngine | null = null;
  const pg = createPlaygroundStore({
    connect: (h) => {
      engine = fakeEngine(h);
      return engine;
    },
  });
  pg.start();
  return {
    pg,
    engine: () => {
      if (!engine) throw new Error('not started');
      return engine;
    },
  };
}

/** Frames answering a command are applied at once, frames while playing on the next turn. */
const frames = () => new Promise((resolve) => setTimeout(resolve, 0));

async function ready(): Promise<{ pg: Playground; engine: () => FakeEngine }> {
  const p = playground();
  await frames();
  return p;
}

const lastSent = (engine: FakeEngine) => engine.sent.at(-1)?.type;

/** What each action does, checked on a fresh playground; every registry action must be here. */
const effects: Record<ActionId, (pg: Playground, engine: FakeEngine) => Promise<void> | void> = {
  async step(pg) {
    // The default playground waits for a click; a preset has work to do.
    pg.actions.loadScenario(loadPreset('happy-user'));
    await frames();
    expect(runAction(actionById('step'), pg)).toBeNull();
    await frames();
    expect(pg.store.getState().step).toBeGreaterThan(0);
  },
  back(pg, engine) {
    expect(runAction(actionById('back'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('back');
  },
  'toggle-play'(pg, engine) {
    expect(runAction(actionById('toggle-play'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('play');
    pg.store.setState({ playing: true });
    runAction(actionById('toggle-play'), pg);
    expect(lastSent(engine)).toBe('pause');
  },
  play(pg, engine) {
    expect(runAction(actionById('play'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('play');
  },
  pause(pg, engine) {
    expect(runAction(actionById('pause'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('pause');
  },
  reset(pg, engine) {
    expect(runAction(actionById('reset'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('reset');
  },
  share(pg) {
    expect(runAction(actionById('share'), pg)).toBeNull();
    expect(pg.store.getState().shareUrl).toMatch(/#s=.+&at=0$/);
  },
  'undo-click'(pg, engine) {
    // The default playground has no recorded click: nothing to undo, and nothing is sent.
    expect(runAction(actionById('undo-click'), pg)).toBe('no click recorded');
    pg.actions.accessPage('0x2000');
    expect(lastSent(engine)).toBe('access');
    recordClick(pg);
    expect(runAction(actionById('undo-click'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('undo-click');
  },
  'clear-clicks'(pg, engine) {
    expect(runAction(actionById('clear-clicks'), pg)).toBe('no click recorded');
    recordClick(pg);
    expect(runAction(actionById('clear-clicks'), pg)).toBeNull();
    expect(lastSent(engine)).toBe('clear-clicks');
  },
  lecture(pg) {
    runAction(actionById('lecture'), pg);
    expect(pg.store.getState().lecture).toBe(true);
    runAction(actionById('lecture'), pg);
    expect(pg.store.getState().lecture).toBe(false);
  },
  fullscreen(pg) {
    const requestFullscreen = vi.fn(() => Promise.resolve());
    vi.stubGlobal('document', { fullscreenElement: null, documentElement: { requestFullscreen } });
    expect(runAction(actionById('fullscreen'), pg)).toBeNull();
    expect(requestFullscreen).toHaveBeenCalledOnce();
  },
  gallery(pg) {
    runAction(actionById('gallery'), pg);
    expect(pg.store.getState().gallery).toBe(true);
  },
  help(pg) {
    runAction(actionById('help'), pg);
    expect(pg.store.getState().help).toBe(true);
  },
  escape(pg) {
    pg.store.setState({ help: true, gallery: true, lecture: true });
    runAction(actionById('escape'), pg);
    expect(pg.store.getState()).toMatchObject({ help: false, gallery: true, lecture: true });
    runAction(actionById('escape'), pg);
    expect(pg.store.getState()).toMatchObject({ gallery: false, lecture: true });
    runAction(actionById('escape'), pg);
    expect(pg.store.getState().lecture).toBe(false);
  },
};

/** What the worker reports after a click: the scenario with the access recorded. */
function recordClick(pg: Playground): void {
  const s = pg.store.getState();
  if (!s.scenario) throw new Error('no scenario');
  pg.store.setState({
    scenario: { ...s.scenario, actions: [{ type: 'access', at: 0, vcpu: 0, gpa: '0x2000' }] },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the action registry', () => {
  it('covers every action, each once, with distinct keys and embed names', () => {
    expect(Object.keys(effects).sort()).toEqual(ACTIONS.map((a) => a.id).sort());
    const keys = ACTIONS.flatMap((a) => a.keys);
    expect(new Set(keys).size).toBe(keys.length);
    const embeds = ACTIONS.flatMap((a) => (a.embed ? [a.embed] : []));
    expect(new Set(embeds).size).toBe(embeds.length);
    for (const name of embeds) expect(actionForEmbed(name)?.embed).toBe(name);
  });

  it('names the playback buttons exactly as ui-contract.md', () => {
    expect(['step', 'back', 'reset', 'share'].map((id) => actionById(id as ActionId).label)).toEqual([
      'Step',
      'Back',
      'Reset',
      'Share',
    ]);
    const play = actionById('toggle-play');
    const { pg } = playground();
    expect(play.labelFor?.(pg.store.getState())).toBe('Play');
    expect(play.labelFor?.({ ...pg.store.getState(), playing: true })).toBe('Pause');
  });

  for (const action of ACTIONS) {
    it(`${action.id}: enabled once loaded, and does what it says`, async () => {
      const { pg, engine } = await ready();
      const enabled = action.enabled(pg.store.getState());
      if (action.id === 'undo-click' || action.id === 'clear-clicks')
        expect(enabled).toBe('no click recorded');
      else expect(enabled).toBe(true);
      await effects[action.id](pg, engine());
    });
  }

  it('nothing that runs the machine is enabled before the first frame', () => {
    const pg = createPlaygroundStore({ connect: () => ({ send() {}, restart() {}, dispose() {} }) });
    for (const id of ['step', 'back', 'reset', 'toggle-play', 'play'] as const) {
      expect(actionById(id).enabled(pg.store.getState())).toBe('the run is loading');
    }
  });

  it('a stopped run refuses Step and Play, through keys and embed commands alike (runAction)', async () => {
    const { pg, engine } = await ready();
    const s = pg.store.getState();
    if (!s.snapshot) throw new Error('no snapshot');
    pg.store.setState({ snapshot: { ...s.snapshot, outcome: 'quiescent' } });
    const before = engine().sent.length;
    expect(runAction(actionById('step'), pg)).toMatch(/the run has stopped \(quiescent\)/);
    expect(runAction(actionById('play'), pg)).toMatch(/the run has stopped/);
    expect(runAction(actionById('toggle-play'), pg)).toMatch(/the run has stopped/);
    expect(engine().sent.length).toBe(before);
    // Back and Reset still work: they are how one leaves a stopped run.
    expect(runAction(actionById('back'), pg)).toBeNull();
    expect(runAction(actionById('reset'), pg)).toBeNull();
  });

  it('two playgrounds have separate stores and engines', async () => {
    const a = await ready();
    const b = await ready();
    a.pg.actions.loadScenario(loadPreset('happy-user'));
    await frames();
    runAction(actionById('step'), a.pg);
    await frames();
    expect(a.pg.store.getState().step).toBeGreaterThan(0);
    expect(b.pg.store.getState().step).toBe(0);
    expect(b.engine().sent.map((m) => m.type)).toEqual(['load']);
    expect(b.pg.store.getState().scenario?.title).not.toBe(a.pg.store.getState().scenario?.title);
  });
});
