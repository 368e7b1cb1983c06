import { useActions, useApp } from '../../store/appStore';
import './share.css';

/** After a reload: the run saved in this browser, when it is not the one that opened. */
export function RestoreBanner() {
  const saved = useApp((s) => s.savedRun);
  const { restoreSavedRun, dismissSavedRun } = useActions();
  if (!saved) return null;
  const title = saved.scenario.title ?? 'an untitled scenario';
  const when = saved.savedAt > 0 ? new Date(saved.savedAt).toLocaleString() : 'earlier';
  return (
    <div className="restore-banner" data-testid="restore-banner" role="status">
      <span>
        Your last run ({title}, step {saved.at}, saved {when}) is not the one open.
      </span>{' '}
      <button type="button" onClick={restoreSavedRun}>
        Restore your last run
      </button>{' '}
      <button type="button" onClick={dismissSavedRun}>
        Dismiss
      </button>
    </div>
  );
}
