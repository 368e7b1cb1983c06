import { useEffect, useRef } from 'react';
import { setHelp, useTeach } from './teachStore';

/** Every key of the playground and lecture mode; what `?` opens. */
export const KEYS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['Space', '→', 'PageDown'], does: 'execute one step' },
  { keys: ['←', 'PageUp'], does: 'back one step' },
  { keys: ['P'], does: 'play / pause' },
  { keys: ['.'], does: 'pause (what presentation clickers send)' },
  { keys: ['R'], does: 'reset to step 0' },
  { keys: ['L'], does: 'lecture mode on / off' },
  { keys: ['F'], does: 'full screen on / off' },
  { keys: ['G'], does: 'the preset gallery' },
  { keys: ['?'], does: 'this help' },
  { keys: ['Esc'], does: 'close this help or the gallery; leave lecture mode' },
];

export function HelpOverlay() {
  const open = useTeach((s) => s.help);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => setHelp(false)}>
      <div
        className="dialog help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard</h2>
        <table className="help-keys">
          <tbody>
            {KEYS.map((k) => (
              <tr key={k.does}>
                <th scope="row">
                  {k.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ' '}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </th>
                <td>{k.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Keys do nothing while you type in a field. Click a page to make the selected vCPU fault; the Share
          button gives a link that reopens exactly this run.
        </p>
        <button type="button" ref={closeRef} onClick={() => setHelp(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
