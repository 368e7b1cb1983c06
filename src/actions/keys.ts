/**
 * The key bindings of the registry (one map, one typing guard) and how keys are written for
 * people: the help overlay, button titles and the README key table.
 */
import { tinykeys } from 'tinykeys';
import { ACTIONS } from './registry';
import type { Action } from './types';

const KEY_NAMES: Record<string, string> = {
  Space: 'Space',
  ArrowRight: '→',
  ArrowLeft: '←',
  PageDown: 'PageDown',
  PageUp: 'PageUp',
  Escape: 'Esc',
  $mod: 'Ctrl/⌘',
};

/** `$mod+z` → `Ctrl/⌘+Z`, `ArrowRight` → `→`, `p` → `P`. */
function keyLabel(key: string): string {
  return key
    .split('+')
    .map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

/** "Execute one step (Space, →, PageDown)" — a button's title. */
export function titleOf(action: Action, reason: string | null = null): string {
  const does = action.does.charAt(0).toUpperCase() + action.does.slice(1);
  const keys = action.keys.length > 0 ? ` (${action.keys.map(keyLabel).join(', ')})` : '';
  return reason === null ? does + keys : `${does}${keys} — not now: ${reason}`;
}

/** `aria-keyshortcuts` of a button (WAI-ARIA key names). */
export function ariaKeys(action: Action): string | undefined {
  if (action.keys.length === 0) return undefined;
  return action.keys.map((k) => k.replace('$mod', 'Control')).join(' ');
}

/** Focus in a form field means the user is typing, not driving the run. */
function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** An open modal dialog (help, gallery, About, the editor) has the keyboard: Esc closes it natively. */
function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('dialog:modal') !== null;
}

/** The actions with keys, as rows of the help overlay and the README (keys as people write them). */
export function keyRows(): { keys: string[]; does: string; label: string }[] {
  return ACTIONS.filter((a) => a.keys.length > 0).map((a) => ({
    keys: a.keys.map(keyLabel),
    does: a.does,
    label: a.label,
  }));
}

/** The README's key table, exactly (tests/actions/readme.test.ts compares). */
export function keyTableMarkdown(): string {
  const rows = keyRows().map((r) => [r.keys.map((k) => `\`${k}\``).join(', '), r.does]);
  const head = ['key', 'does'];
  const width = [0, 1].map((c) => Math.max(head[c].length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [line(head), `| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Binds every action's keys on `target` (the window, or one playground's element). A key does
 * nothing while the user types in a field or a modal dialog is open; Space steps even when a button has focus (its default,
 * pressing that button, is cancelled). `run` applies the action's enabled check; `accepts` picks
 * the events meant for this playground.
 */
export function bindActionKeys(
  target: Window | HTMLElement,
  run: (action: Action) => void,
  accepts: (e: KeyboardEvent) => boolean = () => true,
): () => void {
  const map: Record<string, (e: KeyboardEvent) => void> = {};
  for (const action of ACTIONS) {
    const handler = (e: KeyboardEvent) => {
      if (isTyping(e.target) || modalOpen() || !accepts(e)) return;
      e.preventDefault();
      run(action);
    };
    for (const key of action.keys) {
      map[key] = handler;
      // Caps lock or a layout that needs Shift for it (`?` on most): the same key with Shift.
      if (key.length === 1) map[`Shift+${key}`] = handler;
    }
  }
  return tinykeys(target, map);
}
