import { memo } from 'react';
import type { TaskSnapshot } from '../engine';
import { changedAttr, sameTask, usePreviousTask } from './stage/changes';

const STATUS_ICON: Record<TaskSnapshot['status'], string> = {
  running: '▶',
  runnable: '○',
  parked: '‖',
  killed: '✗',
};

/** One guest task: where it runs, how it may be interrupted, and whether it waits on a slot. */
export const TaskCard = memo(function TaskCard({ task }: { task: TaskSnapshot }) {
  const previous = usePreviousTask(task.home, task.name);
  const traits = [
    task.mode,
    task.mode === 'kernel' ? (task.preemptible ? 'preemptible' : 'preempt-off') : null,
    task.irqsOff ? 'IF=0' : 'IF=1',
    task.fixup ? 'fixup' : null,
  ].filter((t): t is string => t !== null);
  return (
    <li
      className={`task task-${task.status}`}
      data-testid={`task-${task.home}-${task.name}`}
      data-status={task.status}
      data-changed={changedAttr(previous, task, sameTask)}
    >
      <span className="task-status">
        {STATUS_ICON[task.status]} {task.status}
      </span>
      <b className="task-name">{task.name}</b>
      <span className="task-traits">{traits.join(' · ')}</span>
      {task.vcpu !== task.home && <span className="task-flag">on vCPU {task.vcpu}</span>}
      {task.tifInVe && <span className="task-flag flag-tif">TIF_IN_VE</span>}
      {task.veFrames > 0 && <span className="task-flag">#VE frames: {task.veFrames}</span>}
      {task.parkedOn && (
        <span className="task-flag flag-parked">
          parked on info[{task.parkedOn.idx}]
          {task.parkedOn.vcpu !== task.home ? ` of vCPU ${task.parkedOn.vcpu}` : ''}
        </span>
      )}
      {task.signal && <span className="task-flag flag-killed">killed by {task.signal}</span>}
    </li>
  );
});
