/** A Machine with other actions, made without compiling: field for field what compile() makes. */
import { describe, expect, it } from 'vitest';
import { compile, type Machine, type Scenario } from '../../src/engine';
import { withActions } from '../../src/worker/machineEdit';
import { loadPreset, presetNames } from '../engine/helpers';

/** A comparable copy (Maps as entry lists). */
function plain(m: Machine): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v instanceof Map ? [...v] : v]));
}

describe('withActions', () => {
  it.each(presetNames())('%s: a click and a pick added equal a fresh compile', (name) => {
    const scenario = loadPreset(name);
    const gpa = scenario.config.pages[0]?.gpa ?? '0x2000';
    const click = { at: 7, type: 'access' as const, vcpu: 0, gpa };
    const actions = [
      ...scenario.actions.filter((a) => a.at <= 7),
      click,
      ...scenario.actions.filter((a) => a.at > 7),
    ];
    if (scenario.config.scheduler === 'manual') actions.push({ at: 9999, type: 'pick', actor: 'host' });
    const edited: Scenario = { ...scenario, actions };
    const m = withActions(compile(scenario), edited);
    if (scenario.config.pages.length === 0) expect(m).toBeNull();
    else expect(plain(m!)).toEqual(plain(compile(edited)));
  });

  it('refuses an action on a gpa the machine has no page for', () => {
    const scenario = loadPreset('happy-user');
    const edited: Scenario = { ...scenario, actions: [{ at: 1, type: 'access', vcpu: 0, gpa: '0x7777000' }] };
    expect(withActions(compile(scenario), edited)).toBeNull();
  });
});
