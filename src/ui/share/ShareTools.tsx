import { useRef } from 'react';
import { useActions, useApp } from '../../store/appStore';
import { downloadScenario } from './scenarioFile';

/** Export the scenario as a JSON file; import one (also by dropping it on the page). */
export function ShareTools() {
  const scenario = useApp((s) => s.scenario);
  const input = useRef<HTMLInputElement>(null);
  const { importFile } = useActions();
  return (
    <span className="share-tools">
      <button
        type="button"
        onClick={() => scenario && downloadScenario(scenario)}
        disabled={!scenario}
        title="Save this scenario, with your recorded clicks, as a JSON file"
      >
        ⤓ Export
      </button>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Open a scenario file (.json) or a text file with a playground link; you can also drop it on the page"
      >
        ⤒ Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,.txt,text/plain"
        hidden
        data-testid="import-file"
        aria-label="scenario file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </span>
  );
}
