/**
 * The compiled, immutable side of a run: the scenario's configuration with gpas resolved to page
 * indices, the actions in order and the picks by step. Built once per scenario; shared by clones.
 */
import { DEFAULT_VARIANT, gpaText, gpaValue } from './scenario';
import type { Action, PageConfig, PickAction, Scenario, Variant } from './scenario';
import type { State, TaskState, VcpuState } from './state';

export interface Machine {
  scenario: Scenario;
  entries: number;
  nVcpus: number;
  variant: Variant;
  timing: Scenario['config']['timing'];
  scheduler: Scenario['config']['scheduler'];
  /** Page index → gpa as written (declared pages first, then other gpas the scenario names). */
  gpas: string[];
  /** Number of declared pages (the rest are present pages nobody declared). */
  declaredPages: number;
  pageByValue: Map<number, number>;
  /** Non-pick actions in order. */
  actions: Action[];
  /** Page index of each non-pick action's gpa (-1 for set-task). */
  actionPages: number[];
  picks: Map<number, PickAction>;
  /** The ticks that have a pick, ascending (for skipping idle stretches). */
  pickTicks: number[];
  /** Task index of (home vCPU, name). */
  taskIndex: Map<string, number>;
  /** Task indices per home vCPU, in declaration order. */
  tasksOf: number[][];
}

export function taskKey(vcpu: number, name: string): string {
  return vcpu + '/' + name;
}

/** The page index of a gpa, adding an undeclared (present) page to the machine if needed. */
function pageOf(m: Machine, gpa: string): number {
  const value = gpaValue(gpa);
  let index = m.pageByValue.get(value);
  if (index === undefined) {
    index = m.gpas.length;
    m.gpas.push(gpaText(value));
    m.pageByValue.set(value, index);
  }
  return index;
}

export function compile(scenario: Scenario): Machine {
  const { config } = scenario;
  const m: Machine = {
    scenario,
    entries: config.entries,
    nVcpus: config.vcpus.length,
    variant: { ...DEFAULT_VARIANT, ...config.variant },
    timing: config.timing,
    scheduler: config.scheduler,
    gpas: [],
    declaredPages: config.pages.length,
    pageByValue: new Map(),
    actions: [],
    actionPages: [],
    picks: new Map(),
    pickTicks: [],
    taskIndex: new Map(),
    tasksOf: [],
  };
  for (const p of config.pages) pageOf(m, p.gpa);
  m.gpas.splice(0, m.gpas.length, ...config.pages.map((p) => p.gpa));
  for (const a of scenario.actions) {
    if (a.type === 'pick') m.picks.set(a.at, a);
    else m.actions.push(a);
    if (a.type === 'access') pageOf(m, a.gpa);
  }
  m.pickTicks = [...m.picks.keys()].sort((a, b) => a - b);
  for (const a of scenario.explore?.accesses ?? []) pageOf(m, a.gpa);
  m.actionPages = m.actions.map((a) =>
    a.type === 'access' || a.type === 'set-page' ? pageOf(m, a.gpa) : -1,
  );
  let t = 0;
  config.vcpus.forEach((v, i) => {
    m.tasksOf.push([]);
    for (const task of v.tasks) {
      m.taskIndex.set(taskKey(i, task.name), t);
      m.tasksOf[i]!.push(t++);
    }
  });
  return m;
}

/** A page's gpa for messages and events ("none" for a slot never filled). */
export function gpaLabel(m: Machine, page: number): string {
  return page < 0 ? 'none' : m.gpas[page]!;
}

/** Page index for a gpa the scenario names (declared, or touched by an action or the explorer); -1 if none. */
export function pageIndex(m: Machine, gpa: string): number {
  return m.pageByValue.get(gpaValue(gpa)) ?? -1;
}

function initialPage(p: PageConfig | undefined) {
  return p
    ? { backing: p.backing, latency: p.latency, suppressVe: p.suppressVe }
    : { backing: 'present' as const, latency: 0, suppressVe: false };
}

/** The machine at step 0: each vCPU runs its first task; every slot NONE; every busy word 0. */
export function initialState(m: Machine): State {
  const { config } = m.scenario;
  const tasks: TaskState[] = [];
  const vcpus: VcpuState[] = config.vcpus.map((v, i) => {
    v.tasks.forEach((t, k) =>
      tasks.push({
        home: i,
        vcpu: i,
        name: t.name,
        mode: t.mode,
        // Stored for every task, effective in kernel mode only (rule 6.16).
        preemptible: t.preemptible,
        irqsOff: t.irqsOff,
        fixup: t.fixup,
        status: k === 0 ? 'running' : 'runnable',
        signal: null,
        tif: false,
        pending: [],
        frames: [],
        parkedVp: -1,
        parkedIdx: -1,
      }),
    );
    return {
      busy: 0,
      veGpa: -1,
      infoUnsaved: false,
      veDue: -1,
      active: new Array<boolean>(m.entries).fill(false),
      slots: Array.from({ length: m.entries }, () => ({ state: 'NONE' as const, gpa: -1, wait: -1 })),
      guestCurrent: 0,
      hostCurrent: 0,
      hostCurrentUnread: false,
      current: v.tasks.length > 0 ? m.tasksOf[i]![0]! : -1,
      irq: [],
      haltPending: [],
      woken: [],
      waiting: 0,
      exit: null,
      smSuspended: false,
      idleTif: false,
      dead: false,
    };
  });
  return {
    tick: 0,
    seq: 0,
    // Every seed is its own stream: mulberry32 starts from any 32-bit state, 0 included.
    rng: config.seed >>> 0,
    rrLast: -1,
    nextAction: 0,
    waiting: 0,
    vcpus,
    tasks,
    pages: m.gpas.map((_, i) => initialPage(config.pages[i])),
    resolutions: [],
    injections: [],
    violations: [],
    outcome: null,
    message: null,
  };
}
