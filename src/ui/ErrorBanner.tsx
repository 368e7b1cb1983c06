import { useActions, useApp } from '../store/appStore';

/** Refused input and worker failures; one element so tests find exactly one `error`. */
export function ErrorBanner() {
  const { dismissInputError, restartWorker } = useActions();
  const inputError = useApp((s) => s.inputError);
  const workerError = useApp((s) => s.workerError);
  if (!inputError && !workerError) return null;
  return (
    <div className="error" data-testid="error" role="alert">
      {inputError && (
        <p>
          ⚠ {inputError}{' '}
          <button type="button" onClick={dismissInputError}>
            Dismiss
          </button>
        </p>
      )}
      {workerError && (
        <p>
          ⚠ {workerError}{' '}
          <button type="button" onClick={restartWorker}>
            Restart worker
          </button>
        </p>
      )}
    </div>
  );
}
