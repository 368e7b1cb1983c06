/** Scenarios shared by the tests of src/share. */
import type { ScenarioInput } from '../../src/share';

/** A scenario that uses every feature of the format, defaults and non-defaults alike. */
export const FULL: ScenarioInput = {
  format: 've-playground/scenario',
  version: 1,
  title: 'Nested EPT violation before the reentrancy word is cleared',
  description: 'Every field of the format, some at their defaults, some not.',
  narration: [
    { at: 0, text: 'Start.' },
    { at: 5, text: 'The handler runs.' },
  ],
  config: {
    entries: 2,
    seed: 7,
    scheduler: 'manual',
    timing: 'free',
    variant: { injectWhen: 'always', smClear: 'after-release', bitmapFullCheck: true },
    vcpus: [
      {
        tasks: [
          { name: 'app', mode: 'user' },
          { name: 'kworker', mode: 'kernel', preemptible: true },
          { name: 'irqoff', mode: 'kernel', preemptible: false, irqsOff: true },
          { name: 'copier', mode: 'kernel', preemptible: true, fixup: true },
        ],
      },
      { tasks: [{ name: 'app' }] },
    ],
    pages: [
      { gpa: '0x1000', backing: 'present' },
      { gpa: '0x2000', backing: 'swapped', latency: 20 },
      { gpa: '0x3000', backing: 'lost' },
      { gpa: '0x4000', backing: 'swapped', latency: 5, suppressVe: true },
      { gpa: '0xABC000', backing: 'swapped', latency: 10 },
    ],
  },
  actions: [
    { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
    { at: 0, type: 'access', vcpu: 1, gpa: '0x9000' },
    { at: 2, type: 'access', vcpu: 0, gpa: '0x3000' },
    { at: 9, type: 'set-task', vcpu: 0, task: 'app', mode: 'kernel', preemptible: false, irqsOff: true },
    { at: 9, type: 'set-page', gpa: '0x2000', backing: 'swapped', latency: 3 },
    { at: 12, type: 'pick', actor: 'host' },
    { at: 13, type: 'pick', actor: 'host', pageIn: '0x2000' },
    { at: 14, type: 'pick', actor: 'vcpu1' },
  ],
  explore: {
    accesses: [
      { vcpu: 0, gpa: '0x2000', times: 2 },
      { vcpu: 1, gpa: '0x4000' },
    ],
    maxStates: 5000,
  },
};

/** The smallest valid scenario. */
export const TINY: ScenarioInput = {
  format: 've-playground/scenario',
  version: 1,
  config: { vcpus: [{ tasks: [{ name: 'app' }] }], pages: [{ gpa: '0x2000', backing: 'swapped' }] },
  actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
};

/** A deep copy, to mutate freely. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
