import { memo } from 'react';
import type { TaskSnapshot, VcpuSnapshot, VcpuRunState } from '../engine';
import { useActions } from '../store/appStore';
import { BusyWord } from './BusyWord';
import { TaskCard } from './TaskCard';
import { VeInfoArea } from './VeInfoArea';
import { VePage } from './VePage';
import { actorColor, vcpuActor } from './palette';

const STATE_ICON: Record<VcpuRunState, string> = {
  running: '▶',
  'in-ve-handler': '⚡',
  'in-completion': '↯',
  suspended: '‖',
  halted: '☾',
  dead: '☠',
};

interface Props {
  vcpu: VcpuSnapshot;
  tasks: TaskSnapshot[];
  selected: boolean;
  /** Pages clicked for this vCPU at the current step (touched when the step runs). */
  queued: string[];
  compact: boolean;
}

function frameText(vcpu: VcpuSnapshot): string {
  return vcpu.frames
    .map((f) => {
      if (f.kind === 've')
        return `#VE ${f.gpa ?? ''}${f.idx !== null ? ` idx ${f.idx}` : ''}${f.path ? ` ${f.path}` : ''}`;
      if (f.kind === 'completion') return `completion${f.idx !== null ? ` idx ${f.idx}` : ''}`;
      return f.task ?? f.kind;
    })
    .join(' → ');
}

/** One vCPU: run state, current task, VE information area, busy word, ve_page and its tasks. */
function VcpuPanelView({ vcpu, tasks, selected, queued, compact }: Props) {
  const { selectVcpu } = useActions();
  const i = vcpu.index;
  const current = tasks.find((t) => t.name === vcpu.currentTask && t.vcpu === i) ?? null;
  const pending = vcpu.frames.flatMap((f) => f.pending).concat(vcpu.haltPending);
  return (
    <article
      className={`vcpu ${selected ? 'vcpu-selected' : ''} ${compact ? 'vcpu-compact' : ''}`}
      data-testid={`vcpu-${i}`}
      data-state={vcpu.state}
      data-selected={selected ? 'true' : 'false'}
      style={{ ['--actor' as string]: actorColor(vcpuActor(i)) }}
      onClick={() => selectVcpu(i)}
    >
      <header className="vcpu-head">
        <button
          type="button"
          className="vcpu-select"
          aria-pressed={selected}
          title="Clicks on pages make the selected vCPU access them"
          onClick={(e) => {
            e.stopPropagation();
            selectVcpu(i);
            if (e.detail > 0) e.currentTarget.blur();
          }}
        >
          {selected ? '◉' : '○'} vCPU {i}
        </button>
        <span className={`vcpu-state state-${vcpu.state}`}>
          {STATE_ICON[vcpu.state]} {vcpu.state}
        </span>
        <span className="vcpu-if">IF={vcpu.ifOn ? 1 : 0}</span>
      </header>
      <div className="vcpu-current">
        {current ? (
          <>
            task <b>{current.name}</b> ({current.mode}
            {current.mode === 'kernel' ? (current.preemptible ? ', preemptible' : ', preempt-off') : ''}
            {current.irqsOff ? ', IF=0' : ''})
          </>
        ) : (
          <>no task (halted)</>
        )}
        <div className="vcpu-frames mono">{frameText(vcpu)}</div>
        {vcpu.next && (
          <div className="vcpu-next">
            next: <code>{vcpu.next}</code>
          </div>
        )}
        {!vcpu.next && vcpu.blocked && <div className="vcpu-blocked">waits: {vcpu.blocked}</div>}
        {pending.length > 0 && <div className="vcpu-pending">pending access: {pending.join(', ')}</div>}
        {queued.length > 0 && (
          <div className="vcpu-pending" data-testid={`queued-${i}`}>
            ☛ touches {queued.join(', ')} at the next step
          </div>
        )}
      </div>
      <BusyWord vcpu={i} busy={vcpu.busy} />
      <VeInfoArea info={vcpu.veInfo} compact={compact} />
      <VePage
        vcpu={i}
        slots={vcpu.slots}
        active={vcpu.active}
        guestCurrent={vcpu.guestCurrent}
        hostCurrent={vcpu.hostCurrent}
        compact={compact}
      />
      <ul className="tasks" aria-label={`tasks of vCPU ${i}`}>
        {tasks.map((t) => (
          <TaskCard key={t.name} task={t} />
        ))}
      </ul>
    </article>
  );
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * EngineClient keeps the unchanged parts of each frame's snapshot by reference, so a vCPU or task
 * that did not change keeps its identity: reference comparisons let memo skip the panel.
 */
export const VcpuPanel = memo(
  VcpuPanelView,
  (a, b) =>
    a.vcpu === b.vcpu &&
    a.selected === b.selected &&
    a.compact === b.compact &&
    sameItems(a.tasks, b.tasks) &&
    sameItems(a.queued, b.queued),
);
