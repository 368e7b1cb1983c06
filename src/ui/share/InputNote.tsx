import { useActions, useApp } from '../../store/appStore';
import './share.css';

/** A note on input that opened anyway (a link's bad `&at=` ignored, …): not an error. */
export function InputNote() {
  const note = useApp((s) => s.inputNote);
  const { dismissInputError } = useActions();
  if (!note) return null;
  return (
    <div className="input-note" data-testid="input-note" role="status">
      ⓘ {note}{' '}
      <button type="button" onClick={dismissInputError}>
        OK
      </button>
    </div>
  );
}
