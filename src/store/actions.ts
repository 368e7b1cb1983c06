/**
 * Everything the user can do, as plain functions: buttons, keyboard shortcuts and the test hooks
 * call the same ones. They talk to the worker and write to the store; views only read.
 */
import type { Scenario } from '../engine';
import { parseScenario } from '../share/schema';
import { EngineClient } from '../worker/client';
import type { Speed, ToWorker, WorkerFrame } from '../worker/protocol';
import { appStore } from './appStore';
import { structuralShare } from './structuralShare';
import { defaultScenario } from './defaultScenario';
import { readHashScenario, shareHash } from './urlState';
import type { PanelName } from './uiSlice';

let client: EngineClient | null = null;

function send(message: ToWorker): void {
  client?.send(message);
}

/** The newest frame not yet in the store; frames are applied once per animation frame. */
let pendingFrame: WorkerFrame | null = null;
let frameScheduled = false;

function applyFrame(): void {
  frameScheduled = false;
  const frame = pendingFrame;
  pendingFrame = null;
  if (!frame) return;
  appStore.setState((s) => ({
    // Parts of the snapshot that did not change keep their identity, so memoised views skip them.
    snapshot: structuralShare(s.snapshot, frame.snapshot),
    step: frame.snapshot.step,
    playing: frame.playing,
    speed: frame.speed,
    events: structuralShare(s.events, frame.events),
    stepsPerSecond: frame.stepsPerSecond,
    executedTotal: frame.executedTotal,
    playingMs: frame.playingMs,
    scenario: frame.scenario ?? s.scenario,
    selectedVcpu: Math.min(s.selectedVcpu, frame.snapshot.vcpus.length - 1),
  }));
}

function connect(): EngineClient {
  return new EngineClient({
    onFrame(frame) {
      // If rendering falls behind the worker, skip to the newest frame instead of queueing them;
      // a scenario carried by a skipped frame is kept.
      const scenario = frame.scenario ?? pendingFrame?.scenario;
      pendingFrame = scenario ? { ...frame, scenario } : frame;
      if (frameScheduled) return;
      frameScheduled = true;
      requestAnimationFrame(applyFrame);
    },
    onError(message) {
      appStore.setState({ workerError: message, playing: false });
    },
    onRecording(data) {
      appStore.setState({ timeline: data });
    },
    onTrace(json, fileName) {
      appStore.setState({ traceExport: { json, fileName } });
    },
  });
}

/** Opens the scenario of the URL (`#s=…&at=…`), or the default one; called once at start. */
export function startPlayground(hash: string): void {
  client ??= connect();
  const fromUrl = readHashScenario(hash);
  if (fromUrl && fromUrl.ok) {
    // A good link pasted after a bad one: the old refusal no longer applies.
    appStore.setState({ inputError: null });
    loadScenario(fromUrl.scenario, fromUrl.at);
    return;
  }
  if (fromUrl && !fromUrl.ok) appStore.setState({ inputError: fromUrl.message });
  loadScenario(defaultScenario(), 0);
}

export function loadScenario(scenario: Scenario, at = 0): void {
  // The timeline of the previous scenario goes: the worker sends the new one once recorded.
  appStore.setState({ scenario, selectedVcpu: 0, shareUrl: null, timeline: null });
  send({ type: 'load', scenario, at });
}

export function step(): void {
  send({ type: 'step' });
}

export function back(): void {
  send({ type: 'back' });
}

export function reset(): void {
  send({ type: 'reset' });
}

export function play(): void {
  send({ type: 'play' });
}

export function pause(): void {
  send({ type: 'pause' });
}

export function togglePlay(): void {
  if (appStore.getState().playing) pause();
  else play();
}

export function setSpeed(speed: Speed): void {
  appStore.setState({ speed });
  send({ type: 'speed', speed });
}

export function seek(stepNumber: number): void {
  send({ type: 'seek', step: stepNumber });
}

/** Asks the worker for the whole run as a Chrome trace (it arrives in `traceExport`). */
export function requestTraceExport(): void {
  send({ type: 'export-trace' });
}

export function selectVcpu(index: number): void {
  appStore.setState({ selectedVcpu: index });
}

/** A click on a page: the selected vCPU accesses it at the current step. */
export function accessPage(gpa: string): void {
  send({ type: 'access', vcpu: appStore.getState().selectedVcpu, gpa });
}

/** Manual scheduler: `actor` executes this step (recorded as a pick). */
export function runActor(actor: string): void {
  send({ type: 'pick', actor });
}

/** Builds the share URL, shows it, and tries the clipboard (which may be refused). */
export async function share(): Promise<string | null> {
  const { scenario, step: at } = appStore.getState();
  if (!scenario) return null;
  const url = location.origin + location.pathname + shareHash(scenario, at);
  appStore.setState({ shareUrl: url });
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    // No clipboard permission (or no secure context): the read-only field still shows the URL.
  }
  return url;
}

/** An edit of the machine: validated, then reloaded at step 0. Returns the refusal, if any. */
export function applyScenarioEdit(candidate: unknown): string | null {
  const parsed = parseScenario(candidate);
  if (!parsed.ok) return parsed.message;
  loadScenario(parsed.scenario, 0);
  return null;
}

export function restartWorker(): void {
  appStore.setState({ workerError: null });
  if (client) client.restart();
  else client = connect();
}

export function crashWorkerForTest(): void {
  send({ type: 'crash-for-test' });
}

export function dismissInputError(): void {
  appStore.setState({ inputError: null });
}

export function toggleTheme(): void {
  appStore.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }));
}

export function setPanel(panel: PanelName, open: boolean): void {
  appStore.setState((s) => ({ panels: { ...s.panels, [panel]: open } }));
}
