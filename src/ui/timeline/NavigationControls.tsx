/**
 * Navigation by meaning: previous / next change of a chosen value, the first invariant break, the
 * previous / next fault, and a jump to any step.
 */
import { useMemo, useState } from 'react';
import { useActions, useApp, usePlaygroundStore } from '../../store/appStore';
import {
  nextChange,
  nextFault,
  previousChange,
  previousFault,
  valueAt,
  type TrackGroup,
  type ValueTrack,
} from '../../trace/navigation';
import type { TimelineData } from '../../trace/timelineData';

const GROUPS: { group: TrackGroup; label: string }[] = [
  { group: 'busy', label: 'busy word' },
  { group: 'active', label: 'active bits (population)' },
  { group: 'slot', label: 'slot state' },
  { group: 'task', label: 'task status' },
];

export function NavigationControls({ data, step }: { data: TimelineData; step: number }) {
  const appStore = usePlaygroundStore();
  const { seek } = useActions();
  const navTrack = useApp((s) => s.navTrack);
  const [jumpText, setJumpText] = useState('');
  // The same for the whole run: built once, not at every step.
  const options = useMemo(
    () =>
      GROUPS.map(({ group, label }) => (
        <optgroup key={group} label={label}>
          {data.tracks
            .filter((t) => t.group === group)
            .map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
        </optgroup>
      )),
    [data.tracks],
  );
  const track: ValueTrack | undefined = data.tracks.find((t) => t.id === navTrack) ?? data.tracks[0];
  const prev = track ? previousChange(track, step) : null;
  const next = track ? nextChange(track, step) : null;
  const prevF = previousFault(data.faults, step);
  const nextF = nextFault(data.faults, step);
  const last = data.recording.steps;
  const jump = () => {
    const n = Number(jumpText);
    if (jumpText.trim() !== '' && Number.isFinite(n)) seek(Math.max(0, Math.min(last, Math.round(n))));
  };
  return (
    <div className="tl-nav" role="toolbar" aria-label="navigate the run">
      <label className="tl-nav-value">
        <span className="muted">follow</span>{' '}
        <select
          aria-label="value to follow"
          value={track?.id ?? ''}
          onChange={(e) => appStore.setState({ navTrack: e.target.value })}
        >
          {options}
        </select>
      </label>
      {track && (
        <span className="tl-nav-now" data-testid="nav-value" data-value={valueAt(track, step)}>
          = <b>{valueAt(track, step)}</b>
        </span>
      )}
      <button
        type="button"
        aria-label="Previous change"
        title={prev === null ? 'no earlier change' : `the value changed at step ${prev}`}
        disabled={prev === null}
        onClick={() => prev !== null && seek(prev)}
      >
        ⇤ change
      </button>
      <button
        type="button"
        aria-label="Next change"
        title={next === null ? 'no later change' : `the value changes at step ${next}`}
        disabled={next === null}
        onClick={() => next !== null && seek(next)}
      >
        change ⇥
      </button>
      <span className="tl-nav-sep" aria-hidden="true" />
      <button
        type="button"
        aria-label="Previous fault"
        title={
          prevF
            ? `${prevF.kind === 've' ? '#VE' : 'VM exit'} on vCPU ${prevF.vcpu} at step ${prevF.step}`
            : 'no earlier fault'
        }
        disabled={!prevF}
        onClick={() => prevF && seek(prevF.step)}
      >
        ⇤ fault
      </button>
      <button
        type="button"
        aria-label="Next fault"
        title={
          nextF
            ? `${nextF.kind === 've' ? '#VE' : 'VM exit'} on vCPU ${nextF.vcpu} (${nextF.gpa}) at step ${nextF.step}`
            : 'no later fault'
        }
        disabled={!nextF}
        onClick={() => nextF && seek(nextF.step)}
      >
        fault ⇥
      </button>
      <button
        type="button"
        aria-label="First break"
        className={data.firstBreak !== null ? 'tl-nav-break' : undefined}
        title={
          data.firstBreak === null
            ? 'this run breaks no invariant'
            : `the first invariant break, at step ${data.firstBreak}`
        }
        disabled={data.firstBreak === null}
        onClick={() => data.firstBreak !== null && seek(data.firstBreak)}
      >
        ⚠ first break
      </button>
      <form
        className="tl-nav-jump"
        onSubmit={(e) => {
          e.preventDefault();
          jump();
        }}
      >
        <input
          type="number"
          min={0}
          max={last}
          inputMode="numeric"
          aria-label="jump to step"
          placeholder={`0–${last}`}
          value={jumpText}
          onChange={(e) => setJumpText(e.target.value)}
        />
        <button type="submit" title="Go to this step">
          Jump
        </button>
      </form>
    </div>
  );
}
