/**
 * The explorer as it was before the packed state vector (main at 7c9f0e3), kept only as the
 * "before" of bench/explore.bench.ts, so before and after are measured in the same process run.
 * Not used by the app. Cost per transition: a clone, one engine step, the canonical encoding and
 * its hash (encode.ts), a visited-set probe; a new state packed into the next level (pack.ts) and
 * unpacked when expanded.
 */
import {
  applyAccess,
  beginTick,
  mayYield,
  cloneState,
  compile,
  enabledActors,
  execute,
  initialState,
  nextLabel,
  pageIndex,
  pageInChoices,
  restOutcome,
  actorName,
  type Machine,
  type Scenario,
  type State,
  type Action,
  type InvariantName,
  type Outcome,
} from '../../src/engine';
import { DEFAULT_MAX_MEMORY_MIB, DEFAULT_MAX_STATES } from '../../src/explore/bounds';
import { Encoder } from './encode';
import { Arena, Packer } from './pack';
import { VisitedSet } from './visited';

export interface Finding {
  kind: 'invariant' | 'outcome';
  name: InvariantName | Outcome;
  /** Transitions to the step that breaks it (the run breaks it at step `steps - 1`), or to rest. */
  steps: number;
  /** A replayable scenario: manual picks, free timing. */
  scenario: Scenario;
  message: string;
}

/** Why a search stopped before it was complete. */
export type StopReason = 'max-states' | 'max-memory' | 'cancelled' | 'error';

export interface ExploreReport {
  /**
   * Every reachable state was visited — unless two distinct states share a 64-bit hash (states
   * are told apart by a 64-bit hash of their canonical encoding, `hash`).
   */
  complete: boolean;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  outcomes: Partial<Record<Outcome, number>>;
  findings: Finding[];
  /** How states are told apart: see `complete`. */
  hash: '64-bit';
  /** What the search held when it stopped (visited set and frontier), estimated, in MiB. */
  memoryMiB: number;
  /** Why an incomplete search stopped (absent when complete), and the same in words. */
  reason?: StopReason;
  message?: string;
}

export interface Progress {
  states: number;
  transitions: number;
  depth: number;
  frontier: number;
  seconds: number;
  memoryMiB: number;
}

export interface ExploreOptions {
  maxStates?: number;
  /** Bound on the memory the search holds (visited set and frontier), in MiB. */
  maxMemoryMiB?: number;
  now?: () => number;
}

const MIB = 1024 * 1024;

export interface Exploration {
  machine: Machine;
  input: Scenario;
  /** `explore.accesses` resolved: vCPU and page index per entry. */
  accesses: { vcpu: number; page: number; gpa: string; times: number }[];
  maxStates: number;
  maxBytes: number;
  visited: VisitedSet;
  encoder: Encoder;
  /** States of the level being expanded and of the next one, packed (pack.ts); `cursor` indexes `frontier`. */
  frontier: Arena;
  next: Arena;
  packer: Packer;
  cursor: number;
  /** BFS level of the frontier being expanded. */
  depth: number;
  /** Deepest level a state was discovered at: the longest shortest path. */
  maxDepth: number;
  transitions: number;
  outcomes: Partial<Record<Outcome, number>>;
  findings: Map<string, { kind: Finding['kind']; name: Finding['name']; path: number[]; message: string }>;
  complete: boolean;
  stopped: boolean;
  /** Why an incomplete search stopped, and the message the report gives. */
  stopReason: StopReason | null;
  stopMessage: string;
  startedAt: number;
  elapsed: number;
}

/** The choice of a transition, packed: access entry + 1, actor, page-in page + 1. */
function pack(access: number, actor: number, pageIn: number): number {
  return (access + 1) | (actor << 8) | ((pageIn + 1) << 16);
}

function unpack(choice: number): { access: number; actor: number; pageIn: number } {
  return { access: (choice & 0xff) - 1, actor: (choice >>> 8) & 0xff, pageIn: (choice >>> 16) - 1 };
}

/** The scenario the explorer works on: the input machine with free timing. */
function exploredScenario(input: Scenario): Scenario {
  return { ...input, config: { ...input.config, timing: 'free', scheduler: 'manual' }, actions: [] };
}

/** When the input has no `explore` block: each declared page once on each vCPU (ui-contract.md). */
export function defaultAccesses(input: Scenario): { vcpu: number; gpa: string; times: number }[] {
  const out: { vcpu: number; gpa: string; times: number }[] = [];
  input.config.vcpus.forEach((_, vcpu) => {
    for (const p of input.config.pages) out.push({ vcpu, gpa: p.gpa, times: 1 });
  });
  return out;
}

export function startExploration(input: Scenario, options: ExploreOptions = {}): Exploration {
  const machine = compile(exploredScenario(input));
  const accesses = (input.explore?.accesses ?? defaultAccesses(input)).map((a) => ({
    vcpu: a.vcpu,
    page: pageIndex(machine, a.gpa),
    gpa: a.gpa,
    times: a.times,
  }));
  const state = initialState(machine);
  const ex: Exploration = {
    machine,
    input,
    accesses,
    maxStates: options.maxStates ?? input.explore?.maxStates ?? DEFAULT_MAX_STATES,
    maxBytes: (options.maxMemoryMiB ?? DEFAULT_MAX_MEMORY_MIB) * MIB,
    visited: new VisitedSet(),
    encoder: new Encoder(),
    frontier: new Arena(),
    next: new Arena(),
    packer: new Packer(state),
    cursor: 0,
    depth: 0,
    maxDepth: 0,
    transitions: 0,
    outcomes: {},
    findings: new Map(),
    complete: false,
    stopped: false,
    stopReason: null,
    stopMessage: '',
    startedAt: (options.now ?? Date.now)(),
    elapsed: 0,
  };
  const budget = accesses.map((a) => a.times);
  ex.encoder.encode(machine, state, budget);
  const [h, l] = ex.encoder.hash();
  const index = ex.visited.add(h, l, -1, 0);
  ex.packer.pack(ex.frontier, state, budget, index);
  return ex;
}

function pathTo(ex: Exploration, index: number, last: number | null): number[] {
  const path: number[] = [];
  if (last !== null) path.push(last);
  for (let i = index; i > 0; i = ex.visited.parent[i]!) path.push(ex.visited.choice[i]!);
  return path.reverse();
}

function noteFinding(
  ex: Exploration,
  kind: Finding['kind'],
  name: Finding['name'],
  from: number,
  choice: number | null,
  message: string,
): void {
  const key = kind + ':' + name;
  if (ex.findings.has(key)) return;
  ex.findings.set(key, { kind, name, path: pathTo(ex, from, choice), message });
}

function countOutcome(ex: Exploration, outcome: Outcome): void {
  ex.outcomes[outcome] = (ex.outcomes[outcome] ?? 0) + 1;
}

/**
 * Bytes the search holds, with room for the next doubling of the tables that grow (the visited
 * set and the level being filled), so the bound is checked before an allocation can pass it.
 */
function footprint(ex: Exploration): number {
  return 2 * ex.visited.bytes() + ex.frontier.bytes() + 2 * ex.next.bytes();
}

/** Ends an incomplete search, saying why. */
export function stopExploration(ex: Exploration, reason: StopReason, message: string): void {
  ex.stopped = true;
  ex.stopReason = reason;
  ex.stopMessage = message;
}

function stopAtMaxStates(ex: Exploration): void {
  stopExploration(
    ex,
    'max-states',
    `stopped at the bound of ${ex.maxStates} states (maxStates); raise it to search further`,
  );
}

/** True (and the search stopped) when a bound is reached. */
function atBound(ex: Exploration): boolean {
  if (ex.visited.size >= ex.maxStates) {
    stopAtMaxStates(ex);
    return true;
  }
  if (footprint(ex) > ex.maxBytes) {
    const perState = Math.round((ex.frontier.bytes() + ex.next.bytes()) / Math.max(1, progress(ex).frontier));
    stopExploration(
      ex,
      'max-memory',
      `stopped at the memory bound of ${ex.maxBytes / MIB} MiB after ${ex.visited.size} states (about ${Math.ceil(perState / 1024)} KiB per state in the frontier of this machine); raise the bound or explore a smaller machine`,
    );
    return true;
  }
  return false;
}

/** Explores one state's transitions. Returns false when a bound stopped the search. */
function expand(ex: Exploration, node: { state: State; budget: number[]; index: number }): boolean {
  const m = ex.machine;
  const { state, budget } = node;
  const encoder = ex.encoder;
  // The last access option with budget left (-1: none): after it, `state` is not needed any more.
  let lastC = -1;
  for (let c = 0; c < budget.length; c++) if (budget[c]! > 0) lastC = c;
  for (let c = -1; c < ex.accesses.length; c++) {
    if (c >= 0 && budget[c]! <= 0) continue;
    let base = state;
    let nextBudget = budget;
    // An idle task may yield at the start of the tick (after the access): then the access
    // options that follow need the node's state as it was.
    const copied = c >= 0 || (lastC >= 0 && mayYield(state));
    if (copied) base = cloneState(state);
    if (c >= 0) {
      applyAccess(base, ex.accesses[c]!.vcpu, ex.accesses[c]!.page);
      // Budgets are never changed in place once made, so successors share them.
      nextBudget = budget.slice();
      nextBudget[c]!--;
    }
    beginTick(m, base);
    // `base` may be stepped in place by its last successor: it is this option's own copy, or the
    // node's state when no access option follows (the node is dropped after expansion).
    const ownsBase = copied || lastC < 0;
    const actors = enabledActors(m, base);
    if (c < 0 && actors.length === 0) {
      // At rest: quiescent or hung (successors only through the remaining accesses).
      const rest = restOutcome(m, base);
      countOutcome(ex, rest.outcome);
      if (rest.outcome !== 'quiescent')
        noteFinding(ex, 'outcome', rest.outcome, node.index, null, rest.message ?? rest.outcome);
    }
    for (let ai = 0; ai < actors.length; ai++) {
      const a = actors[ai]!;
      const host = a === m.nVcpus;
      // The host either does its ready work, or finishes one page-in (one choice per gpa).
      let variants = NO_PAGE_IN;
      if (host) {
        const pageIns = pageInChoices(base);
        variants = nextLabel(m, base, a) !== 'host.page_in' ? [-1, ...pageIns] : pageIns;
      }
      for (let vi = 0; vi < variants.length; vi++) {
        const p = variants[vi]!;
        const lastUse = ownsBase && ai === actors.length - 1 && vi === variants.length - 1;
        const succ = lastUse ? base : cloneState(base);
        execute(m, succ, a, p >= 0 ? p : null);
        ex.transitions++;
        const choice = pack(c, a, p);
        if (succ.violations.length > 0) {
          for (const v of succ.violations)
            noteFinding(ex, 'invariant', v.invariant, node.index, choice, v.message);
          succ.violations.length = 0;
        }
        encoder.encode(m, succ, nextBudget);
        encoder.hashInto();
        const index = ex.visited.add(encoder.h1, encoder.h2, node.index, choice);
        if (index < 0) continue;
        if (ex.depth + 1 > ex.maxDepth) ex.maxDepth = ex.depth + 1;
        if (succ.outcome) {
          countOutcome(ex, succ.outcome);
          noteFinding(ex, 'outcome', succ.outcome, node.index, choice, succ.message ?? succ.outcome);
        } else {
          ex.packer.pack(ex.next, succ, nextBudget, index);
        }
        if (atBound(ex)) return false;
      }
    }
  }
  return true;
}

const NO_PAGE_IN: readonly number[] = [-1];

/** Expands up to `slice` states; returns true when the search is over (complete or bounded). */
export function advance(ex: Exploration, slice: number, now: () => number = Date.now): boolean {
  if (ex.stopped) return true;
  for (let n = 0; n < slice; n++) {
    if (ex.visited.size >= ex.maxStates) {
      // The bound was reached before anything was expanded (maxStates 1): incomplete.
      stopAtMaxStates(ex);
      break;
    }
    if (ex.cursor >= ex.frontier.count) {
      if (ex.next.count === 0) {
        ex.complete = true;
        ex.stopped = true;
        break;
      }
      // Swap the arenas: the next level is read, the old one's memory is reused for the one after.
      const done = ex.frontier;
      ex.frontier = ex.next;
      ex.next = done;
      ex.next.reset();
      ex.cursor = 0;
      ex.depth++;
    }
    const node = ex.packer.unpack(ex.frontier, ex.cursor++);
    if (!expand(ex, node)) break;
  }
  ex.elapsed = (now() - ex.startedAt) / 1000;
  return ex.stopped;
}

/**
 * Frees the frontier of a search that is over (or given up): what stays is the visited set, the
 * parent links and the findings, enough for `report` and for coverage (coverage.ts).
 */
export function dropFrontier(ex: Exploration): void {
  ex.stopped = true;
  ex.frontier = new Arena();
  ex.next = new Arena();
  ex.cursor = 0;
}

function memoryMiB(ex: Exploration): number {
  return Math.round((10 * (ex.visited.bytes() + ex.frontier.bytes() + ex.next.bytes())) / MIB) / 10;
}

export function progress(ex: Exploration): Progress {
  return {
    states: ex.visited.size,
    transitions: ex.transitions,
    depth: ex.maxDepth,
    frontier: ex.frontier.count - ex.cursor + ex.next.count,
    seconds: ex.elapsed,
    memoryMiB: memoryMiB(ex),
  };
}

/** Rebuilds a path of choices into a replayable scenario (explore.md "Output"). */
export function counterexample(ex: Exploration, path: number[], title: string): Scenario {
  const m = ex.machine;
  const actions: Action[] = [];
  path.forEach((choice, at) => {
    const { access, actor, pageIn } = unpack(choice);
    if (access >= 0) {
      const a = ex.accesses[access]!;
      actions.push({ at, type: 'access', vcpu: a.vcpu, gpa: a.gpa });
    }
    actions.push(
      pageIn >= 0
        ? { at, type: 'pick', actor: actorName(m, actor), pageIn: m.gpas[pageIn]! }
        : { at, type: 'pick', actor: actorName(m, actor) },
    );
  });
  const { narration: _n, ...rest } = ex.input;
  void _n;
  return {
    ...rest,
    title,
    description: `Found by the explorer: a shortest interleaving (${path.length} steps) of this machine.`,
    config: { ...ex.input.config, scheduler: 'manual', timing: 'free' },
    actions,
  };
}

export function report(ex: Exploration): ExploreReport {
  const findings: Finding[] = [];
  const order = [...ex.findings.values()].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === 'invariant' ? -1 : 1) || a.path.length - b.path.length,
  );
  for (const f of order)
    findings.push({
      kind: f.kind,
      name: f.name,
      steps: f.path.length,
      message: f.message,
      scenario: counterexample(
        ex,
        f.path,
        `Explorer: ${f.kind === 'invariant' ? f.name + ' broken' : 'outcome ' + f.name} in ${f.path.length} steps`,
      ),
    });
  return {
    complete: ex.complete,
    states: ex.visited.size,
    transitions: ex.transitions,
    depth: ex.maxDepth,
    seconds: ex.elapsed,
    outcomes: ex.outcomes,
    findings,
    hash: '64-bit',
    memoryMiB: memoryMiB(ex),
    ...(ex.complete ? {} : { reason: ex.stopReason ?? 'cancelled', message: ex.stopMessage || 'cancelled' }),
  };
}

/**
 * Explores to the end (or a bound) in one call. An error inside the search (an engine fault, an
 * allocation refused) ends it as incomplete, with what was found so far.
 */
export function explore(input: Scenario, options: ExploreOptions = {}): ExploreReport {
  const ex = startExploration(input, options);
  try {
    while (!advance(ex, 4096, options.now)) {
      /* keep going */
    }
  } catch (error) {
    stopExploration(
      ex,
      'error',
      `the search failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    ex.elapsed = ((options.now ?? Date.now)() - ex.startedAt) / 1000;
  }
  return report(ex);
}
