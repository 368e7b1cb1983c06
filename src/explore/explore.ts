/**
 * The explorer (explore.md): breadth-first search over every interleaving of a small machine.
 * A transition is one tick: optionally one remaining `explore.accesses` fault, then one actor's
 * step (a vCPU, the host's ready work, or the host finishing one page-in per gpa). The first time
 * BFS meets a broken invariant or a non-quiescent outcome is a shortest counterexample; its path
 * is rebuilt from parent links into a replayable scenario (manual picks, free timing).
 *
 * Pure TypeScript: runs in Node, in a worker and in tests. Work is done in slices
 * (`advance(ex, n)`) so a worker can report progress and be cancelled between slices.
 *
 * A state is one packed word vector (vector.ts) that is also its canonical form; per transition
 * the explorer restores one scratch State from the vector of the state being expanded, applies the
 * access, executes one engine step, encodes the result into one reusable buffer, hashes it and
 * probes the visited set (visited.ts); a new state's words are appended to the next level
 * (frontier.ts). No State is copied and nothing is allocated per transition but what the engine
 * step itself makes.
 */
import {
  applyAccess,
  beginTick,
  compile,
  execute,
  initialState,
  nextLabel,
  pageIndex,
  restOutcome,
  actorName,
  type Machine,
  type Scenario,
  type State,
  type Action,
  type InvariantName,
  type Outcome,
} from '../engine';
import { DEFAULT_MAX_MEMORY_MIB, DEFAULT_MAX_STATES } from './bounds';
import { Frontier } from './frontier';
import { StateVector } from './vector';
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
  /** Encodes, hashes and decodes this machine's states. */
  vector: StateVector;
  /** The State every transition is computed in, restored from a vector each time. */
  scratch: State;
  /** The level being expanded and the next one; `cursor` is the word offset of the next entry in `frontier`, `taken` the entries taken. */
  frontier: Frontier;
  next: Frontier;
  cursor: number;
  taken: number;
  /** The transitions of the state being expanded: actor and page-in page (-1: ready work). */
  choiceActor: Int32Array;
  choicePage: Int32Array;
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
  const budget = accesses.map((a) => a.times);
  const vector = new StateVector(machine, budget);
  const ex: Exploration = {
    machine,
    input,
    accesses,
    maxStates: options.maxStates ?? input.explore?.maxStates ?? DEFAULT_MAX_STATES,
    maxBytes: (options.maxMemoryMiB ?? DEFAULT_MAX_MEMORY_MIB) * MIB,
    visited: new VisitedSet(),
    vector,
    scratch: vector.scratch(),
    frontier: new Frontier(),
    next: new Frontier(),
    cursor: 0,
    taken: 0,
    choiceActor: new Int32Array(16),
    choicePage: new Int32Array(16),
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
  vector.encode(state, budget);
  vector.hash();
  const index = ex.visited.add(vector.h1, vector.h2, -1, 0);
  ex.frontier.push(index, vector.buf, vector.len);
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
      `stopped at the memory bound of ${ex.maxBytes / MIB} MiB after ${ex.visited.size} states (about ${perState} bytes per state in the frontier of this machine); raise the bound or explore a smaller machine`,
    );
    return true;
  }
  return false;
}

/** Adds transition `n` (actor `a`, page-in `p`) to the list, growing it when full. */
function addChoice(ex: Exploration, n: number, a: number, p: number): number {
  if (n === ex.choiceActor.length) {
    const actor = new Int32Array(n * 2);
    actor.set(ex.choiceActor);
    ex.choiceActor = actor;
    const page = new Int32Array(n * 2);
    page.set(ex.choicePage);
    ex.choicePage = page;
  }
  ex.choiceActor[n] = a;
  ex.choicePage[n] = p;
  return n + 1;
}

/**
 * The transitions from `s` after its access option: every actor that can step, in actor order;
 * the host once for its ready work and once per gpa with a page-in in flight (oldest first).
 */
function listChoices(ex: Exploration, s: State): number {
  const m = ex.machine;
  let n = 0;
  for (let a = 0; a < m.nVcpus; a++) if (nextLabel(m, s, a) !== null) n = addChoice(ex, n, a, -1);
  const host = m.nVcpus;
  const label = nextLabel(m, s, host);
  if (label === null) return n;
  if (label !== 'host.page_in') n = addChoice(ex, n, host, -1);
  const res = s.resolutions;
  for (let i = 0; i < res.length; i++) {
    const r = res[i]!;
    if (r.finished) continue;
    let seen = false;
    for (let k = 0; k < i && !seen; k++) seen = !res[k]!.finished && res[k]!.page === r.page;
    if (!seen) n = addChoice(ex, n, host, r.page);
  }
  return n;
}

/** Restores the scratch state to the frontier entry at `at`, then applies access option `c`. */
function restore(ex: Exploration, at: number, c: number): State {
  const s = ex.scratch;
  ex.vector.decode(ex.frontier.data, at + 2, s);
  if (c >= 0) {
    applyAccess(s, ex.accesses[c]!.vcpu, ex.accesses[c]!.page);
    ex.vector.budget[c]!--;
  }
  beginTick(ex.machine, s);
  return s;
}

/** Explores the transitions of the frontier entry at word `at`. Returns false when a bound stopped the search. */
function expand(ex: Exploration, at: number): boolean {
  const m = ex.machine;
  const vector = ex.vector;
  const from = ex.frontier.data[at]!;
  const budget = vector.budget;
  const options = ex.accesses.length;
  for (let c = -1; c < options; c++) {
    // `budget` is the entry's as decoded last, with only another option's access taken out.
    if (c >= 0 && budget[c]! <= 0) continue;
    let s = restore(ex, at, c);
    const n = listChoices(ex, s);
    if (c < 0 && n === 0) {
      // At rest: quiescent or hung (successors only through the remaining accesses).
      const rest = restOutcome(m, s);
      countOutcome(ex, rest.outcome);
      if (rest.outcome !== 'quiescent')
        noteFinding(ex, 'outcome', rest.outcome, from, null, rest.message ?? rest.outcome);
    }
    for (let i = 0; i < n; i++) {
      const a = ex.choiceActor[i]!;
      const p = ex.choicePage[i]!;
      if (i > 0) s = restore(ex, at, c);
      execute(m, s, a, p >= 0 ? p : null);
      ex.transitions++;
      const choice = pack(c, a, p);
      if (s.violations.length > 0) {
        for (const v of s.violations) noteFinding(ex, 'invariant', v.invariant, from, choice, v.message);
      }
      vector.encode(s, budget);
      vector.hash();
      const index = ex.visited.add(vector.h1, vector.h2, from, choice);
      if (index < 0) continue;
      if (ex.depth + 1 > ex.maxDepth) ex.maxDepth = ex.depth + 1;
      if (s.outcome) {
        countOutcome(ex, s.outcome);
        noteFinding(ex, 'outcome', s.outcome, from, choice, s.message ?? s.outcome);
      } else {
        ex.next.push(index, vector.buf, vector.len);
      }
      if (atBound(ex)) return false;
    }
  }
  return true;
}

/** Expands up to `slice` states; returns true when the search is over (complete or bounded). */
export function advance(ex: Exploration, slice: number, now: () => number = Date.now): boolean {
  if (ex.stopped) return true;
  for (let n = 0; n < slice; n++) {
    if (ex.visited.size >= ex.maxStates) {
      // The bound was reached before anything was expanded (maxStates 1): incomplete.
      stopAtMaxStates(ex);
      break;
    }
    if (ex.taken >= ex.frontier.count) {
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
      ex.taken = 0;
      ex.depth++;
    }
    const at = ex.cursor;
    ex.cursor += ex.frontier.data[at + 1]! + 2;
    ex.taken++;
    if (!expand(ex, at)) break;
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
  ex.frontier = new Frontier();
  ex.next = new Frontier();
  ex.cursor = 0;
  ex.taken = 0;
}

function memoryMiB(ex: Exploration): number {
  return Math.round((10 * (ex.visited.bytes() + ex.frontier.bytes() + ex.next.bytes())) / MIB) / 10;
}

export function progress(ex: Exploration): Progress {
  return {
    states: ex.visited.size,
    transitions: ex.transitions,
    depth: ex.maxDepth,
    frontier: ex.frontier.count - ex.taken + ex.next.count,
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
