/** Every command of the playground that has a button, a key or an embed command (types.ts). */
import type { AppState } from '../playground/state';
import type { Action, ActionId } from './types';

const LOADING = 'the run is loading';

function loaded(s: AppState): true | string {
  return s.snapshot !== null && s.scenario !== null ? true : LOADING;
}

/** A run that reached an outcome cannot go on: Back, Reset or another scenario can. */
function running(s: AppState): true | string {
  const outcome = s.snapshot?.outcome ?? null;
  if (outcome !== null) return `the run has stopped (${outcome}): go back or reset`;
  return loaded(s);
}

/** Clicks on pages and manual picks are what the user recorded (scenario.md `access`, `pick`). */
function hasClicks(s: AppState): true | string {
  if (!s.scenario) return LOADING;
  return s.scenario.actions.some((a) => a.type === 'access' || a.type === 'pick')
    ? true
    : 'no click recorded';
}

const always = (): true => true;

export const ACTIONS: readonly Action[] = [
  {
    id: 'step',
    label: 'Step',
    does: 'execute one step',
    keys: ['Space', 'ArrowRight', 'PageDown'],
    enabled: running,
    perform: (a) => a.step(),
    embed: 'step',
  },
  {
    id: 'back',
    label: 'Back',
    does: 'back one step',
    keys: ['ArrowLeft', 'PageUp'],
    enabled: loaded,
    perform: (a) => a.back(),
    embed: 'back',
  },
  {
    id: 'toggle-play',
    label: 'Play / Pause',
    labelFor: (s) => (s.playing ? 'Pause' : 'Play'),
    does: 'run continuously / stop',
    keys: ['p'],
    enabled: (s) => (s.playing ? true : running(s)),
    perform: (a, s) => (s.playing ? a.pause() : a.play()),
  },
  {
    id: 'play',
    label: 'Play',
    does: 'run continuously',
    keys: [],
    enabled: running,
    perform: (a) => a.play(),
    embed: 'play',
  },
  {
    id: 'pause',
    label: 'Pause',
    does: 'pause (what presentation clickers send)',
    keys: ['.'],
    enabled: always,
    perform: (a) => a.pause(),
    embed: 'pause',
  },
  {
    id: 'reset',
    label: 'Reset',
    does: 'back to step 0',
    keys: ['r'],
    enabled: loaded,
    perform: (a) => a.reset(),
    embed: 'reset',
  },
  {
    id: 'share',
    label: 'Share',
    does: 'copy a link that reopens this run',
    keys: [],
    enabled: (s) => (s.scenario ? true : LOADING),
    perform: (a) => void a.share(),
  },
  {
    id: 'undo-click',
    label: 'Undo click',
    does: 'remove the last recorded click and go back to where it was made',
    keys: ['$mod+z'],
    enabled: hasClicks,
    perform: (a) => a.undoClick(),
    embed: 'undo-click',
  },
  {
    id: 'clear-clicks',
    label: 'Clear clicks',
    does: 'remove every recorded click',
    keys: [],
    enabled: hasClicks,
    perform: (a) => a.clearClicks(),
    embed: 'clear-clicks',
  },
  {
    id: 'lecture',
    label: 'Lecture',
    does: 'lecture mode on / off',
    keys: ['l'],
    enabled: always,
    perform: (a) => a.toggleLecture(),
  },
  {
    id: 'fullscreen',
    label: 'Full screen',
    does: 'full screen on / off',
    keys: ['f'],
    enabled: always,
    perform: (a) => a.toggleFullscreen(),
  },
  {
    id: 'gallery',
    label: 'Scenarios',
    does: 'the scenario gallery',
    keys: ['g'],
    enabled: always,
    perform: (a, s) => a.setGallery(!s.gallery),
  },
  {
    id: 'help',
    label: 'Keyboard help',
    does: 'the keyboard help (lists these keys)',
    keys: ['?'],
    enabled: always,
    perform: (a, s) => a.setHelp(!s.help),
  },
  {
    id: 'escape',
    label: 'Close',
    does: 'close help / gallery, leave lecture mode',
    keys: ['Escape'],
    enabled: always,
    perform: (a) => a.escape(),
  },
];

export function actionById(id: ActionId): Action {
  const action = ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`no action ${id}`);
  return action;
}

/** The action an embedder's `ve-playground:<name>` command runs, if any. */
export function actionForEmbed(name: string): Action | undefined {
  return ACTIONS.find((a) => a.embed === name);
}
