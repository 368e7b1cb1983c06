/**
 * One user command, defined once (excalidraw's `Action` is the model): its button, its keys, its
 * line in the help overlay and the README, and its embed command all come from this object.
 */
import type { PlaygroundActions } from '../playground/commands';
import type { AppState } from '../playground/state';

export type ActionId =
  | 'step'
  | 'back'
  | 'toggle-play'
  | 'play'
  | 'pause'
  | 'reset'
  | 'share'
  | 'undo-click'
  | 'clear-clicks'
  | 'lecture'
  | 'fullscreen'
  | 'gallery'
  | 'help'
  | 'escape';

export interface Action {
  id: ActionId;
  /** Its button's accessible name (ui-contract.md: exactly `Step`, `Back`, …) and its name in help. */
  label: string;
  /** The name when it depends on the state (Play / Pause). */
  labelFor?(state: AppState): string;
  /** What it does, for the help overlay, the README key table and the button's title. */
  does: string;
  /** tinykeys key strings (`Space`, `ArrowRight`, `$mod+z`, `p`); a single character also matches with Shift. */
  keys: readonly string[];
  /** `true`, or the reason it cannot run now (shown on the button, reported to an embedder). */
  enabled(state: AppState): true | string;
  perform(actions: PlaygroundActions, state: AppState): void;
  /** Its postMessage command (`ve-playground:<embed>`), if an embedder may send it. */
  embed?: string;
}
