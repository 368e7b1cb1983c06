/** A registry action's button: its name, title, keys, enabled state and click all come from the action. */
import type { ReactNode } from 'react';
import { usePlayground } from '../playground/context';
import { useApp } from '../store/appStore';
import { ariaKeys, titleOf } from './keys';
import { actionById } from './registry';
import { runAction } from './run';
import type { ActionId } from './types';

export function ActionButton({
  id,
  children,
  className,
  pressed,
}: {
  id: ActionId;
  /** What the button shows; its accessible name is the action's label. */
  children: ReactNode;
  className?: string;
  pressed?: boolean;
}) {
  const playground = usePlayground();
  const action = actionById(id);
  const name = useApp((s) => action.labelFor?.(s) ?? action.label);
  const enabled = useApp((s) => action.enabled(s));
  const reason = enabled === true ? null : enabled;
  return (
    <button
      type="button"
      className={className}
      aria-label={name}
      aria-pressed={pressed}
      aria-keyshortcuts={ariaKeys(action)}
      title={titleOf(action, reason)}
      disabled={reason !== null}
      data-action={id}
      onClick={() => runAction(action, playground)}
    >
      {children}
    </button>
  );
}
