import { useActions, useApp } from '../store/appStore';
import { actorColor } from './palette';

/** Manual scheduler: the user decides who runs each step; each choice is recorded as a pick. */
export function ManualScheduler() {
  const { runActor } = useActions();
  const scenario = useApp((s) => s.scenario);
  const manual = scenario?.config.scheduler === 'manual';
  const snapshot = useApp((s) => s.snapshot);
  if (!manual || !snapshot) return null;
  // A click recorded at this step is applied when the step starts, so the snapshot cannot list its
  // vCPU yet; a vCPU running guest code will execute that access.
  const clicked = new Set(
    (scenario?.actions ?? [])
      .filter((a) => a.type === 'access' && a.at === snapshot.step)
      .map((a) => (a.type === 'access' ? a.vcpu : -1)),
  );
  const willAccess = (i: number) =>
    clicked.has(i) && ['running', 'in-ve-handler', 'in-completion'].includes(snapshot.vcpus[i].state);
  const actors = [
    ...snapshot.vcpus.map((v) => ({ actor: `vcpu${v.index}`, reason: v.blocked ?? 'nothing to do' })),
    { actor: 'host', reason: 'no ready host work' },
  ];
  return (
    <div className="manual" role="group" aria-label="manual scheduler">
      <span className="manual-title">Who runs this step?</span>
      {actors.map(({ actor, reason }) => {
        const can =
          !snapshot.outcome &&
          (snapshot.canStep.includes(actor) || (actor !== 'host' && willAccess(Number(actor.slice(4)))));
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
