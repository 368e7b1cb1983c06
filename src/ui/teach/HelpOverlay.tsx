import { useEffect, useRef } from 'react';
import { keyRows } from '../../actions/keys';
import { useActions } from '../../store/appStore';
import { ModalDialog } from '../ModalDialog';
import { useTeach } from './teachStore';

/** Every key of the playground and lecture mode (from the action registry); what `?` opens. */
export function HelpOverlay() {
  const open = useTeach((s) => s.help);
  const { setHelp } = useActions();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <ModalDialog
      onClose={() => setHelp(false)}
      className="help-dialog"
      labelledBy="help-title"
      testId="help-overlay"
    >
      <h2 id="help-title">Keyboard</h2>
      <table className="help-keys">
        <tbody>
          {keyRows().map((k) => (
            <tr key={k.label}>
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
    </ModalDialog>
  );
}
