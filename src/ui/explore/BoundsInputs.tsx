import { useId, useState } from 'react';
import { DEFAULT_MAX_STATES } from '../../explore/bounds';
import { useApp } from '../../store/appStore';
import { useExplore, useExplorer } from './context';

const MAX_STATES = 100_000_000;
const MEMORY_MIB = { min: 16, max: 16_384 };

/** A whole number in [min, max] from what was typed, or null. */
function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\s*[0-9]+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The search's bounds: distinct states (empty: the scenario's or the default) and memory. */
export function BoundsInputs({ disabled }: { disabled: boolean }) {
  const explorer = useExplorer();
  const maxStates = useExplore((s) => s.maxStates);
  const maxMemoryMiB = useExplore((s) => s.maxMemoryMiB);
  const scenarioMax = useApp((s) => s.scenario?.explore?.maxStates);
  const [statesText, setStatesText] = useState(maxStates === null ? '' : String(maxStates));
  const [memoryText, setMemoryText] = useState(String(maxMemoryMiB));
  const statesId = useId();
  const memoryId = useId();
  const statesBad = statesText.trim() !== '' && wholeIn(statesText, 1, MAX_STATES) === null;
  const memoryBad = wholeIn(memoryText, MEMORY_MIB.min, MEMORY_MIB.max) === null;
  return (
    <div className="explore-bounds">
      <label htmlFor={statesId}>Max states</label>
      <input
        id={statesId}
        data-testid="explore-max-states"
        type="text"
        inputMode="numeric"
        value={statesText}
        placeholder={`${(scenarioMax ?? DEFAULT_MAX_STATES).toLocaleString('en')} (default)`}
        aria-invalid={statesBad}
        title={`Stop after this many distinct states (1..${MAX_STATES.toLocaleString('en')}); empty: the scenario's explore.maxStates or ${DEFAULT_MAX_STATES.toLocaleString('en')}`}
        disabled={disabled}
        onChange={(e) => {
          setStatesText(e.target.value);
          if (e.target.value.trim() === '') explorer.setBounds({ maxStates: null });
          const n = wholeIn(e.target.value, 1, MAX_STATES);
          if (n !== null) explorer.setBounds({ maxStates: n });
        }}
      />
      <label htmlFor={memoryId}>Memory bound (MiB)</label>
      <input
        id={memoryId}
        data-testid="explore-max-memory"
        type="text"
        inputMode="numeric"
        value={memoryText}
        aria-invalid={memoryBad}
        title={`Stop before the search holds more than this (${MEMORY_MIB.min}..${MEMORY_MIB.max} MiB)`}
        disabled={disabled}
        onChange={(e) => {
          setMemoryText(e.target.value);
          const n = wholeIn(e.target.value, MEMORY_MIB.min, MEMORY_MIB.max);
          if (n !== null) explorer.setBounds({ maxMemoryMiB: n });
        }}
      />
    </div>
  );
}
