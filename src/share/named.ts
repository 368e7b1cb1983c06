/** The named scenarios of protocol.md §5, in its order: the presets in public/scenarios/ (besides the default, playground.json). */
export const NAMED_SCENARIOS = [
  'happy-user',
  'suspend-preempt-off',
  'nested-before-clear',
  'nested-after-clear',
  'bitmap-full',
  'fail-user-sigbus',
  'fail-kernel-fixup',
  'fail-kernel-panic',
  'suppress-ve',
  'irqs-off-completion',
  'lost-wakeup',
  'bug-on',
  'two-vcpus',
  'nested-lost-vmexit',
  'flag-cleared-by-nested',
  'bug-on-despite-check',
  'stale-completion',
] as const;

export type NamedScenario = (typeof NAMED_SCENARIOS)[number];
