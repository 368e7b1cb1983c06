/** Change marks compare what a view showed last with what it shows now. */
import { describe, expect, it } from 'vitest';
import type { Scenario, Snapshot } from '../../src/engine';
import { defaultScenario } from '../../src/store/defaultScenario';
import { ShownHistory, changedAttr } from '../../src/ui/stage/changes';

describe('ShownHistory', () => {
  const scenario: Scenario = defaultScenario();
  const snap = (step: number): Snapshot => ({
    step,
    vcpus: [],
    tasks: [],
    pages: [],
    host: { next: null, resolutions: [], injections: [] },
    canStep: [],
    violations: [],
    outcome: null,
    message: null,
  });
  const a = snap(1);
  const b = snap(2);

  it('gives the snapshot shown before, once per new snapshot', () => {
    const h = new ShownHistory();
    expect(h.previous({ snapshot: a, scenario })).toBeNull();
    expect(h.previous({ snapshot: b, scenario })).toBe(a);
    // The same state asked again (another readout, a re-render): the same answer.
    expect(h.previous({ snapshot: b, scenario })).toBe(a);
    // Back: the previous picture is the one just left.
    expect(h.previous({ snapshot: a, scenario })).toBe(b);
  });

  it('compares nothing across a load of another machine', () => {
    const h = new ShownHistory();
    h.previous({ snapshot: a, scenario });
    const other: Scenario = { ...scenario, config: { ...scenario.config, entries: 8 } };
    expect(h.previous({ snapshot: b, scenario: other })).toBeNull();
  });

  it('keeps comparing when a click only adds an action', () => {
    const h = new ShownHistory();
    h.previous({ snapshot: a, scenario });
    const clicked: Scenario = { ...scenario, actions: [...scenario.actions] };
    expect(h.previous({ snapshot: b, scenario: clicked })).toBe(a);
  });
});

describe('changedAttr', () => {
  it('is true only when there is a previous value and it differs', () => {
    expect(changedAttr(null, 1)).toBe('false');
    expect(changedAttr(undefined, 1)).toBe('false');
    expect(changedAttr(1, 1)).toBe('false');
    expect(changedAttr(0, 1)).toBe('true');
  });
});
