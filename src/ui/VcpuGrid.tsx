import { useApp } from '../store/appStore';
import { VcpuPanel } from './VcpuPanel';

/** All vCPU panels; with many vCPUs they shrink to a compact layout. */
export function VcpuGrid() {
  const snapshot = useApp((s) => s.snapshot);
  const selected = useApp((s) => s.selectedVcpu);
  if (!snapshot) return <section className="vcpus">Loading the engine…</section>;
  const compact = snapshot.vcpus.length > 2;
  return (
    <section className={`vcpus ${compact ? 'vcpus-many' : ''}`} aria-label="vCPUs">
      {snapshot.vcpus.map((vcpu) => {
        const tasks = snapshot.tasks.filter((t) => t.home === vcpu.index);
        return (
          <VcpuPanel
            key={vcpu.index}
            vcpu={vcpu}
            tasks={tasks}
            selected={selected === vcpu.index}
            signature={JSON.stringify(vcpu) + JSON.stringify(tasks)}
            compact={compact}
          />
        );
      })}
    </section>
  );
}
