import type { HostSnapshot, ResolutionSnapshot, Snapshot } from '../engine';
import { useApp } from '../store/appStore';
import { actorColor, vcpuActor } from './palette';

const BAR = 160;

function Progress({ r, now }: { r: ResolutionSnapshot; now: number }) {
  // Latency timing: how far the page-in is toward its ready tick. Free timing has no clock.
  if (r.readyAt === null)
    return <span className="progress-text">{r.finished ? 'paged in' : 'waits for host.page_in'}</span>;
  // The share of the latency passed, clamped (a linear scale; d3-scale stays off the first visit).
  const span = r.readyAt - r.startedAt;
  const done = span > 0 ? Math.min(1, Math.max(0, (now - r.startedAt) / span)) : 1;
  const left = Math.max(0, r.readyAt - now);
  return (
    <span className="progress">
      <svg width={BAR} height={14} aria-hidden="true">
        <rect className="progress-bg" width={BAR} height={14} rx={3} />
        <rect className="progress-fg" width={BAR * done} height={14} rx={3} />
      </svg>
      <span className="progress-text">{r.finished ? 'ready' : `${left} ticks left`}</span>
    </span>
  );
}

function queueOf(host: HostSnapshot, vcpu: number) {
  return host.injections.filter((inj) => inj.vcpu === vcpu);
}

/**
 * The step a latency bar is drawn at: the current step while a page-in with a clock is in flight,
 * else a constant, so the panel does not re-render for steps that change nothing in it.
 */
function clockStep(snapshot: Snapshot | null): number {
  if (!snapshot) return 0;
  return snapshot.host.resolutions.some((r) => r.readyAt !== null) ? snapshot.step : -1;
}

/** KVM's asynchronous side: page-ins in flight and, per vCPU, completions waiting to be injected. */
export function HostPanel() {
  // Unchanged parts of the snapshot keep their identity (EngineClient keeps them by reference).
  const host = useApp((s) => s.snapshot?.host ?? null);
  // Per vCPU only its index and whether its completion queue is empty: "0:0,1:2,…".
  const queues = useApp((s) =>
    s.snapshot?.vcpus.map((v) => `${v.index}:${v.completionQueue.length}`).join(','),
  );
  const now = useApp((s) => clockStep(s.snapshot));
  if (!host || queues === undefined) return null;
  const vcpus = (queues === '' ? [] : queues.split(',')).map((q) => {
    const [index, length] = q.split(':').map(Number) as [number, number];
    return { index, length };
  });
  return (
    <section className="panel host" aria-label="host" style={{ ['--actor' as string]: actorColor('host') }}>
      <h3>
        Host (KVM){' '}
        {host.next && (
          <span className="next-tag">
            next: <code>{host.next}</code>
          </span>
        )}
      </h3>
      <h4>Resolutions in flight</h4>
      {host.resolutions.length === 0 && <p className="muted">none</p>}
      <ul className="resolutions">
        {host.resolutions.map((r) => (
          <li key={r.id} data-testid={`resolution-${r.id}`} className={r.result ? `res-${r.result}` : ''}>
            <span className="res-who actor-mark" style={{ borderColor: actorColor(vcpuActor(r.vcpu)) }}>
              vCPU {r.vcpu}
            </span>{' '}
            <span className="mono">{r.gpa}</span>{' '}
            {r.kind === 'vmexit' ? 'VM exit' : `hypercall, info[${r.idx}]`} <Progress r={r} now={now} />
            {r.result && <b className="res-result"> → {r.result}</b>}
            {r.next && <code className="res-next"> {r.next}</code>}
          </li>
        ))}
      </ul>
      <h4>Completion queues</h4>
      <ul className="queues">
        {vcpus.map((v) => {
          const injections = queueOf(host, v.index);
          return (
            <li key={v.index} data-testid={`completion-queue-${v.index}`}>
              <span className="actor-mark" style={{ borderColor: actorColor(vcpuActor(v.index)) }}>
                vCPU {v.index}
              </span>
              :{' '}
              {v.length === 0 && injections.length === 0 ? (
                <span className="muted">empty</span>
              ) : (
                injections.map((inj, n) => (
                  <span key={n} className={`inj ${inj.deliverable ? 'inj-ok' : 'inj-wait'}`}>
                    idx {inj.idx} ({inj.next}
                    {inj.deliverable ? '' : ', waits for IF=1'})
                  </span>
                ))
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
