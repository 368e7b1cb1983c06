import { VcpuGrid } from '../VcpuGrid';
import { FlowStrip } from './FlowStrip';

/**
 * The centre of the page: the flow strip (where each actor is on the mail's data flow) over the
 * vCPU panels, whose readouts the move layer (MoveLayer, over the whole machine) connects.
 */
export function Stage() {
  return (
    <div className="stage">
      <FlowStrip />
      <VcpuGrid />
    </div>
  );
}
