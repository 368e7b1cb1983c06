import { useMemo } from 'react';
import type { Action } from '../engine';
import { useApp } from '../store/appStore';
import { VcpuPanel } from './VcpuPanel';

/** All vCPU panels; with many vCPUs they shrink to a compact layout. */
export function VcpuGrid() {
  const snapshot = useApp((s) => s.snapshot);
  const selected = useApp((s) => s.selectedVcpu);
  const actions = useApp((s) => s.scenario?.actions);
  // The clicks by step, built once per scenario: a long scenario has tens of thousands of actions,
  // too many to filter for every vCPU on every frame while playing.
  const clicksAt = useMemo(() => {
    const byStep = new Map<number, Action[]>();
    for (const a of actions ?? []) {
      if (a.type !== 'access') continue;
      const list = byStep.get(a.at);
      if (list) list.push(a);
      else byStep.set(a.at, [a]);
    }
    return byStep;
  }, [actions]);
  if (!snapshot) return <section className="vcpus">Loading the engine…</section>;
  const compact = snapshot.vcpus.length > 2;
  return (
    <section className={`vcpus ${compact ? 'vcpus-many' : ''}`} aria-label="vCPUs">
      {snapshot.vcpus.map((vcpu) => {
        const tasks = snapshot.tasks.filter((t) => t.home === vcpu.index);
        // Clicks recorded for this step: applied when the step starts, so not yet in the snapshot.
        const queued = (clicksAt.get(snapshot.step) ?? [])
          .filter((a) => a.type === 'access' && a.at === snapshot.step && a.vcpu === vcpu.index)
          .map((a) => (a.type === 'access' ? a.gpa : ''));
        return (
          <VcpuPanel
            key={vcpu.index}
            vcpu={vcpu}
            tasks={tasks}
            selected={selected === vcpu.index}
            queued={queued}
            compact={compact}
          />
        );
      })}
    </section>
  );
}
