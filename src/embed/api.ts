/**
 * The embed side of the postMessage API (messages.ts): commands from the page that holds the
 * iframe drive the playground through the same actions as its buttons; every change of step,
 * play state or outcome is reported back. Commands are accepted only from `window.parent`, and a
 * scenario passes the same validation as a link or file: a hostile message can at worst be refused.
 */
import { parseScenario, scenarioFromUrlOrHash } from '../share';
import { back, loadScenario, pause, play, reset, seek, step } from '../store/actions';
import { appStore, type AppState } from '../store/appStore';
import { presetOf, presets } from '../ui/teach/presets';
import {
  EMBED_PREFIX,
  embedCommandSchema,
  type EmbedCommand,
  type EmbedReport,
  type EmbedState,
} from './messages';

function embedId(): string | null {
  const id = new URLSearchParams(location.search).get('id');
  return id === null ? null : id.slice(0, 100);
}

function report(message: EmbedReport): void {
  if (window.parent === window) return;
  // The state is no secret (the parent chose the scenario); any embedding origin may read it.
  window.parent.postMessage(message, '*');
}

export function stateOf(s: AppState, id: string | null): EmbedState {
  return {
    type: 've-playground:state',
    id,
    step: s.step,
    playing: s.playing,
    outcome: s.snapshot?.outcome ?? null,
    title: s.scenario?.title ?? null,
    preset: presetOf(s.scenario)?.name ?? null,
  };
}

/** Carries out one validated command; returns a refusal message, if any. */
function run(cmd: EmbedCommand): string | null {
  switch (cmd.type) {
    case 've-playground:load': {
      const sources = [cmd.url, cmd.scenario, cmd.preset].filter((v) => v !== undefined).length;
      if (sources !== 1) return 'load needs exactly one of url, scenario or preset';
      if (cmd.preset !== undefined) {
        const p = presets().find((x) => x.name === cmd.preset);
        if (!p) return `no preset named "${cmd.preset.slice(0, 40)}"`;
        loadScenario(p.scenario, cmd.at ?? 0);
        return null;
      }
      if (cmd.url !== undefined) {
        const decoded = scenarioFromUrlOrHash(cmd.url);
        if (!decoded.ok) return decoded.message;
        if (decoded.scenario === null) return 'the url carries no scenario (#s=…)';
        loadScenario(decoded.scenario, cmd.at ?? decoded.at ?? 0);
        return null;
      }
      const parsed = parseScenario(cmd.scenario);
      if (!parsed.ok) return parsed.message;
      loadScenario(parsed.scenario, cmd.at ?? 0);
      return null;
    }
    case 've-playground:seek':
      seek(cmd.step);
      return null;
    case 've-playground:step':
      step();
      return null;
    case 've-playground:back':
      back();
      return null;
    case 've-playground:reset':
      reset();
      return null;
    case 've-playground:play':
      play();
      return null;
    case 've-playground:pause':
      pause();
      return null;
    case 've-playground:get':
      report(stateOf(appStore.getState(), embedId()));
      return null;
  }
}

/** Starts listening and reporting; returns the stop function. */
export function startEmbedApi(): () => void {
  const id = embedId();
  const onMessage = (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent || window.parent === window) return;
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    const type = (data as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.startsWith(EMBED_PREFIX)) return;
    const parsed = embedCommandSchema.safeParse(data);
    if (!parsed.success) {
      report({
        type: 've-playground:error',
        id,
        message: `unknown or malformed command "${type.slice(0, 60)}"`,
      });
      return;
    }
    let refusal: string | null;
    try {
      refusal = run(parsed.data);
    } catch (error) {
      refusal = error instanceof Error ? error.message : String(error);
    }
    if (refusal !== null) {
      appStore.setState({ inputError: refusal });
      report({ type: 've-playground:error', id, message: refusal });
    } else if (parsed.data.type === 've-playground:load') {
      appStore.setState({ inputError: null });
    }
  };
  window.addEventListener('message', onMessage);
  let last = '';
  const onState = (s: AppState) => {
    if (!s.snapshot) return;
    const state = stateOf(s, id);
    const key = `${state.step}|${state.playing}|${state.outcome}|${state.title}`;
    if (key === last) return;
    last = key;
    report(state);
  };
  const unsubscribe = appStore.subscribe(onState);
  report({ type: 've-playground:ready', id });
  // The API is loaded on demand (TeachLayer), so the first snapshot may have come already.
  onState(appStore.getState());
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}
