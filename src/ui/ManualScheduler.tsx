import { runActor } from '../store/actions';
import { useApp } from '../store/appStore';
import { actorColor } from './palette';

/** Manual scheduler: the user decides who runs each step; each choice is recorded as a pick. */
export function ManualScheduler() {
  const manual = useApp((s) => s.scenario?.config.scheduler === 'manual');
  const snapshot = useApp((s) => s.snapshot);
  if (!manual || !snapshot) return null;
  const actors = [
    ...snapshot.vcpus.map((v) => ({ actor: `vcpu${v.index}`, reason: v.blocked ?? 'nothing to do' })),
    { actor: 'host', reason: 'no ready host work' },
  ];
  return (
    <div className="manual" role="group" aria-label="manual scheduler">
      <span className="manual-title">Who runs this step?</span>
      {actors.map(({ actor, reason }) => {
        const can = snapshot.canStep.includes(actor) && !snapshot.outcome;
        return (
          <span key={actor} className="manual-actor">
            <button
              type="button"
              disabled={!can}
              title={can ? `${actor} executes the next step` : reason}
              aria-describedby={can ? undefined : `why-${actor}`}
              style={{ ['--actor' as string]: actorColor(actor) }}
              onClick={() => runActor(actor)}
            >
              Run {actor}
            </button>
            {!can && (
              <span id={`why-${actor}`} className="manual-why">
                {reason}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
