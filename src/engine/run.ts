/**
 * Time (protocol.md "Time"): the tick loop, the scenario's actions, the three schedulers, and the
 * end of a run. Actors are numbered vcpu0 … vcpu(n-1), then the host.
 */
import type { Scenario } from './scenario';
import type { Report, Snapshot, TraceEvent } from './snapshot';
import type { StepLabel } from './labels';
import type { Detail } from './detail';
import type { State } from './state';
import { cloneState } from './clone';
import { compile, initialState, pageIndex, taskKey, type Machine } from './machine';
import { nextVcpuLabel, reschedule, topContext, yieldIdleTasks } from './vcpu';
import { stepVcpu } from './guest';
import { finishDuePageIns, nextHostLabel, pageInChoices, stepHost } from './host';
import { taskName } from './invariants';
import { nextRandom } from './prng';
import { takeSnapshot as snapshotOf } from './view';
import { hashValue } from './hash';
import { canStep, forget, forgetAll, noteHostStep, noteVcpuStep, readySetOf, type ReadySet } from './ready';

/** A run: the compiled scenario (immutable, shared by clones) and the machine state. */
export interface Run {
  readonly scenario: Scenario;
  readonly machine: Machine;
  state: State;
  /** Which actors can step in `state` (ready.ts): a cache, rebuilt when `state` is replaced. */
  ready?: ReadySet;
}

export interface RunOptions {
  /** Stop with outcome "max-steps" after this many ticks (default 10000). */
  maxSteps?: number;
  /** Collect one event per executed step (default true). */
  events?: boolean;
}

/** The machine at step 0. */
export function startRun(scenario: Scenario): Run {
  const machine = compile(scenario);
  return { scenario, machine, state: initialState(machine) };
}

export function actorName(m: Machine, a: number): string {
  return a < m.nVcpus ? 'vcpu' + a : 'host';
}

/** The actor index of "vcpu<i>" / "host", or -1. */
export function actorIndex(m: Machine, name: string): number {
  if (name === 'host') return m.nVcpus;
  const i = /^vcpu(\d+)$/.exec(name) ? Number(name.slice(4)) : -1;
  return i >= 0 && i < m.nVcpus ? i : -1;
}

/** The label an actor executes next, or null if it cannot step. */
export function nextLabel(m: Machine, s: State, a: number): StepLabel | null {
  return a < m.nVcpus ? nextVcpuLabel(s, s.vcpus[a]!) : nextHostLabel(m, s);
}

/** Actors that can step now, in actor order. */
export function enabledActors(m: Machine, s: State): number[] {
  const out: number[] = [];
  if (s.outcome) return out;
  for (let a = 0; a <= m.nVcpus; a++) if (nextLabel(m, s, a) !== null) out.push(a);
  return out;
}

/** Applies one `access`: it binds to the context on top of the vCPU (rule 6.1). */
export function applyAccess(s: State, vi: number, page: number): void {
  const v = s.vcpus[vi]!;
  if (v.dead) return;
  const ctx = topContext(s, v);
  if (ctx.kind === 'frame') ctx.frame.pending.push(page);
  else if (ctx.kind === 'task') ctx.task.pending.push(page);
  else v.haltPending.push(page);
}

/** Applies the scenario's actions whose step has come (at the start of the tick). */
function applyActions(m: Machine, s: State, rs: ReadySet | null): void {
  while (s.nextAction < m.actions.length && m.actions[s.nextAction]!.at <= s.tick) {
    const page = m.actionPages[s.nextAction]!;
    const a = m.actions[s.nextAction++]!;
    if (a.type === 'access') {
      applyAccess(s, a.vcpu, page);
      forget(rs, a.vcpu);
      continue;
    }
    forgetAll(rs);
    if (a.type === 'set-page') {
      const pg = s.pages[page]!;
      if (a.backing !== undefined) pg.backing = a.backing;
      if (a.latency !== undefined) pg.latency = a.latency;
      if (a.suppressVe !== undefined) pg.suppressVe = a.suppressVe;
    } else if (a.type === 'set-task') {
      const t = m.taskIndex.get(taskKey(a.vcpu, a.task));
      if (t === undefined) continue;
      const task = s.tasks[t]!;
      // Stored whatever the mode; they take effect in kernel mode only (rule 6.16).
      if (a.mode !== undefined) task.mode = a.mode;
      if (a.preemptible !== undefined) task.preemptible = a.preemptible;
      if (a.irqsOff !== undefined) task.irqsOff = a.irqsOff;
      if (a.fixup !== undefined) task.fixup = a.fixup;
      reschedule(s, task.vcpu);
    }
  }
}

/**
 * Executes one step of actor `a` (which must be able to step) and advances the clock; `rs`, the
 * state's ready set, learns what the step may have changed.
 */
export function execute(
  m: Machine,
  s: State,
  a: number,
  pageIn: number | null,
  events?: TraceEvent[],
  rs?: ReadySet,
): void {
  const step = s.tick;
  let kind: StepLabel;
  let detail: Detail;
  if (a < m.nVcpus) {
    const label = nextVcpuLabel(s, s.vcpus[a]!)!;
    const work = s.resolutions.length + s.injections.length;
    kind = label;
    detail = stepVcpu(m, s, a, label);
    if (rs) noteVcpuStep(rs, a, label, work);
  } else {
    ({ label: kind, detail } = stepHost(m, s, pageIn));
    if (rs) noteHostStep(rs, detail);
  }
  s.rrLast = a;
  s.tick = step + 1;
  if (events) events.push({ step, actor: actorName(m, a), kind, detail });
}

/** The outcome of a state at rest (nothing can step, nothing in flight): quiescent, or hung and why. */
export function restOutcome(m: Machine, s: State): { outcome: 'quiescent' | 'hung'; message: string | null } {
  const why: string[] = [];
  for (const t of s.tasks)
    if (t.status === 'parked')
      why.push(
        `task ${taskName(m, t.home, t.name)} stays parked on info[${t.parkedIdx}] of vCPU ${t.parkedVp}`,
      );
  s.vcpus.forEach((v, i) => {
    if (v.smSuspended) why.push(`vCPU ${i} stays suspended (SUSPEND_ME) with nothing to resume it`);
  });
  for (const j of s.injections)
    why.push(`the completion for info[${j.idx}] can never be injected into vCPU ${j.vcpu} (IF=0 for ever)`);
  return why.length > 0
    ? { outcome: 'hung', message: 'hung: ' + why.join('; ') }
    : { outcome: 'quiescent', message: null };
}

function settle(m: Machine, s: State): void {
  const rest = restOutcome(m, s);
  s.outcome = rest.outcome;
  s.message = rest.message;
}

function invalid(s: State, message: string): 'stop' {
  s.outcome = 'invalid';
  s.message = message;
  return 'stop';
}

function hasPendingWork(m: Machine, s: State): boolean {
  return s.nextAction < m.actions.length || s.resolutions.some((r) => !r.finished);
}

/**
 * The start of a tick: its actions, the page-ins due (latency timing), then the yield of idle
 * tasks (rule 6.8). Idempotent within a tick, so a tick may be begun again.
 */
export function beginTick(m: Machine, s: State): void {
  startTick(m, s, null);
}

/** `beginTick`, telling the ready set `rs` what it changed. */
function startTick(m: Machine, s: State, rs: ReadySet | null): void {
  applyActions(m, s, rs);
  if (m.timing === 'latency' && finishDuePageIns(s) > 0) forget(rs, m.nVcpus);
  if (yieldIdleTasks(s)) forgetAll(rs);
}

/** The start of the run's current tick (as `tickOnce` begins it), its ready set kept: for tests. */
export function beginTickOf(run: Run): ReadySet {
  const rs = readySetOf(run);
  startTick(run.machine, run.state, rs);
  return rs;
}

/**
 * The first tick after the current one at which something can happen while nobody can step: the
 * next action, the next page-in to finish (latency timing), or the next pick (which then names an
 * actor with nothing to do).
 */
function nextEventTick(m: Machine, s: State): number {
  let next = s.nextAction < m.actions.length ? m.actions[s.nextAction]!.at : Infinity;
  for (const r of s.resolutions) if (!r.finished && r.readyAt >= 0 && r.readyAt < next) next = r.readyAt;
  const picks = m.pickTicks;
  let lo = 0;
  let hi = picks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (picks[mid]! <= s.tick) lo = mid + 1;
    else hi = mid;
  }
  if (lo < picks.length && picks[lo]! < next) next = picks[lo]!;
  return Math.max(next, s.tick + 1);
}

/** Round robin: the first actor after the last one that stepped that can step now, or -1. */
function nextInTurn(s: State, rs: ReadySet): number {
  const n = rs.known.length;
  for (let k = 1; k <= n; k++) {
    const a = (s.rrLast + k + n) % n;
    if (canStep(rs, a)) return a;
  }
  return -1;
}

/** Random: one of the actors that can step, drawn with the run's PRNG, or -1. */
function randomPick(s: State, rs: ReadySet): number {
  let n = 0;
  for (let a = 0; a < rs.known.length; a++) if (canStep(rs, a)) rs.enabled[n++] = a;
  if (n === 0) return -1;
  const r = nextRandom(s.rng);
  s.rng = r.state;
  return rs.enabled[Math.floor(r.value * n)]!;
}

/**
 * One tick: an actor's step ('step'), an idle stretch ('idle'), or the run has stopped ('stop').
 * When nobody can step but something is still to come, the idle ticks up to the next tick where
 * something can happen pass at once (O(1) in their number), but the clock never passes `until`
 * (default: one tick, so a caller counting ticks sees each one).
 */
export function tickOnce(
  run: Run,
  events?: TraceEvent[],
  until = run.state.tick + 1,
): 'step' | 'idle' | 'stop' {
  const { machine: m, state: s } = run;
  if (s.outcome) return 'stop';
  const rs = readySetOf(run);
  startTick(m, s, rs);
  const pick = m.scheduler === 'manual' ? m.picks.get(s.tick) : undefined;
  let actor = -1;
  let pageIn: number | null = null;
  if (pick) {
    actor = actorIndex(m, pick.actor);
    if (actor < 0 || nextLabel(m, s, actor) === null) {
      if (!hasPendingWork(m, s) && enabledActors(m, s).length === 0) return stop(m, s);
      return invalid(s, `actions: the pick at step ${s.tick} names ${pick.actor}, which has nothing to do`);
    }
    if (pick.pageIn !== undefined) {
      pageIn = pageIndex(m, pick.pageIn);
      if (!pageInChoices(s).includes(pageIn))
        return invalid(
          s,
          `actions: the pick at step ${s.tick} finishes ${pick.pageIn}, which has no page-in in flight`,
        );
    }
  } else if (m.scheduler === 'random') {
    actor = randomPick(s, rs);
  } else {
    actor = nextInTurn(s, rs);
  }
  if (actor < 0) {
    if (!hasPendingWork(m, s)) return stop(m, s);
    const next = Math.min(nextEventTick(m, s), until);
    s.tick = Number.isFinite(next) ? Math.max(s.tick + 1, next) : s.tick + 1;
    return 'idle';
  }
  execute(m, s, actor, pageIn, events, rs);
  return 'step';
}

/** At rest: quiescent or hung. */
function stop(m: Machine, s: State): 'stop' {
  settle(m, s);
  return 'stop';
}

/** Executes one tick; returns false when the run had already stopped (or stops now). */
export function tick(run: Run, events?: TraceEvent[]): boolean {
  return tickOnce(run, events) !== 'stop';
}

/** Lets idle ticks pass (at once), then executes exactly one step. Returns false when the run has stopped. */
export function step(run: Run, events?: TraceEvent[]): boolean {
  for (;;) {
    const r = tickOnce(run, events, Infinity);
    if (r !== 'idle') return r === 'step';
  }
}

/**
 * Runs until the clock reaches `target` or the run stops, idle stretches in O(1): what the worker
 * calls to seek or play to a step, and what the CLI's step limit uses. The state at `target` is
 * the one tick-by-tick execution would reach. Returns false when the run has stopped.
 */
export function advanceTo(run: Run, target: number, events?: TraceEvent[]): boolean {
  const s = run.state;
  while (!s.outcome && s.tick < target) tickOnce(run, events, target);
  return !s.outcome;
}

export function takeSnapshot(run: Run): Snapshot {
  return snapshotOf(run.machine, run.state);
}

/** Runs a scenario to its end (or the step limit) and returns the CLI report of scenario.md. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Report {
  const maxSteps = options.maxSteps ?? 10000;
  const events: TraceEvent[] | undefined = options.events === false ? undefined : [];
  const run = startRun(scenario);
  const s = run.state;
  advanceTo(run, maxSteps, events);
  const outcome = s.outcome ?? 'max-steps';
  const message = s.message ?? (outcome === 'max-steps' ? `stopped after ${maxSteps} steps` : undefined);
  return {
    outcome,
    steps: s.tick,
    ...(message !== undefined ? { message } : {}),
    final: takeSnapshot(run),
    ...(events ? { events } : {}),
    violations: s.violations,
  };
}

/** A deep copy that shares nothing mutable with the original. */
export function cloneRun(run: Run): Run {
  return { scenario: run.scenario, machine: run.machine, state: cloneState(run.state) };
}

/** A stable hash of the machine state (hex string). */
export function hashRun(run: Run): string {
  return hashValue(run.state);
}
