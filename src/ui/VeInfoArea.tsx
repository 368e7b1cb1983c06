import { memo, useState } from 'react';
import type { VeInfoSnapshot } from '../engine';
import { hex, hex32 } from './hex';

/** The per-vCPU VE information area, field by field in the SDM's layout. */
export const VeInfoArea = memo(function VeInfoArea({
  info,
  compact = false,
}: {
  info: VeInfoSnapshot;
  compact?: boolean;
}) {
  const rows: [string, string, string][] = [
    ['0', 'exit_reason', `${info.exitReason}${info.exitReason === 48 ? ' (EPT violation)' : ''}`],
    ['4', 'busy', hex32(info.busy)],
    ['8', 'exit_qualification', hex(info.exitQualification)],
    ['16', 'guest_linear_address', info.guestLinearAddress],
    ['24', 'guest_physical_address', info.guestPhysicalAddress],
    ['32', 'eptp_index', String(info.eptpIndex)],
  ];
  if (compact) return <CompactVeInfo rows={rows} />;
  return (
    <table className="ve-info" aria-label="VE information area">
      <caption>ve_hwinfo (VE information area)</caption>
      <tbody>
        {rows.map(([offset, name, value]) => (
          <tr key={name} title={`offset +${offset}`} data-field={name}>
            <td className="offset">+{offset}</td>
            <th scope="row">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/**
 * Many vCPUs: the same six fields on one wrapped line, folded away by default. Every field changes
 * nearly every frame while playing, so a closed fold renders nothing inside it.
 */
function CompactVeInfo({ rows }: { rows: [string, string, string][] }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="ve-info-fold"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onClick={(e) => e.stopPropagation()}
    >
      <summary>VE information area</summary>
      {open && (
        <p className="ve-info-line mono" aria-label="VE information area">
          {rows.map(([, name, value]) => (
            <span key={name}>
              {name}={value}{' '}
            </span>
          ))}
        </p>
      )}
    </details>
  );
}
