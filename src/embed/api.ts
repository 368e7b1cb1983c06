/**
 * The embed side of the postMessage API (messages.ts): commands from the page that holds the
 * iframe drive the playground through the same actions as its buttons (src/actions/, with the same
 * enabled checks); every change of step, play state or outcome is reported back. Commands are
 * accepted only from `window.parent` and from the origins named in `&origin=` (origins.ts); a
 * scenario passes the same size limit and validation as a link: a hostile message can at worst be
 * refused, and measuring it costs at most the limit.
 */
import { actionForEmbed } from '../actions/registry';
import { runAction } from '../actions/run';
import type { Playground } from '../playground/createPlaygroundStore';
import type { AppState } from '../playground/state';
import { MAX_DECODED_BYTES, parseScenario, scenarioFromUrlOrHash } from '../share';
import { presetOf, presets } from '../playground/presets';
import {
  EMBED_PREFIX,
  actionCommandSchema,
  embedCommandSchema,
  type EmbedCommand,
  type EmbedReport,
  type EmbedState,
  type RequestId,
} from './messages';
import { originPolicy, targetFor } from './origins';
import { boundedJsonSize } from './size';

function embedId(): string | null {
  const id = new URLSearchParams(location.search).get('id');
  return id === null ? null : id.slice(0, 100);
}

function stateOf(s: AppState, id: string | null): EmbedState {
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
function run(cmd: EmbedCommand, playground: Playground, answer: (m: EmbedReport) => void, id: string | null) {
  const { actions } = playground;
  switch (cmd.type) {
    case 've-playground:load': {
      const sources = [cmd.url, cmd.scenario, cmd.preset].filter((v) => v !== undefined).length;
      if (sources !== 1) return 'load needs exactly one of url, scenario or preset';
      if (cmd.preset !== undefined) {
        const p = presets().find((x) => x.name === cmd.preset);
        if (!p) return `no preset named "${cmd.preset.slice(0, 40)}"`;
        actions.open({ ok: true, scenario: p.scenario, at: cmd.at ?? 0 });
        return null;
      }
      if (cmd.url !== undefined) {
        const decoded = scenarioFromUrlOrHash(cmd.url);
        if (!decoded.ok) return decoded.message;
        if (decoded.scenario === null) return 'the url carries no scenario (#s=…)';
        actions.open({ ok: true, scenario: decoded.scenario, at: cmd.at ?? decoded.at ?? 0 });
        return null;
      }
      if (boundedJsonSize(cmd.scenario, MAX_DECODED_BYTES) === null) {
        return `the scenario is too large: more than ${MAX_DECODED_BYTES / 1024} KiB as JSON (the limit of a link)`;
      }
      const parsed = parseScenario(cmd.scenario);
      if (!parsed.ok) return parsed.message;
      actions.open({ ok: true, scenario: parsed.scenario, at: cmd.at ?? 0 });
      return null;
    }
    case 've-playground:seek':
      actions.seek(cmd.step);
      return null;
    case 've-playground:get':
      answer(stateOf(playground.store.getState(), id));
      return null;
  }
}

/** Starts listening and reporting for `playground`; returns the stop function. */
export function startEmbedApi(playground: Playground): () => void {
  const id = embedId();
  const policy = originPolicy(location.search);
  /** The origin of the last command obeyed: state reports go there. */
  let sender: string | null = null;

  const postTo = (origin: string, message: EmbedReport) => {
    if (window.parent === window) return;
    try {
      window.parent.postMessage(message, targetFor(origin));
    } catch {
      // An origin postMessage cannot address: nothing to answer.
    }
  };
  const report = (message: EmbedReport) => {
    if (sender !== null) postTo(sender, message);
    else for (const origin of policy.broadcastTargets()) postTo(origin, message);
  };

  const onMessage = (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent || window.parent === window) return;
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    const type = (data as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.startsWith(EMBED_PREFIX)) return;
    const answer = (m: EmbedReport) => postTo(event.origin, m);
    const raw = (data as { request?: unknown }).request;
    const rawRequest: RequestId = typeof raw === 'string' || typeof raw === 'number' ? raw : undefined;
    const refusal = (message: string, request: RequestId): EmbedReport =>
      request === undefined
        ? { type: 've-playground:error', id, message }
        : { type: 've-playground:error', id, message, request };
    if (!policy.accepts(event.origin)) {
      // Say no (and nothing else) so a misconfigured page learns why; no state goes there.
      answer(refusal('commands from this origin are not accepted (&origin=)', rawRequest));
      return;
    }
    sender = event.origin;
    const refuse = (message: string, request: RequestId = rawRequest) => {
      playground.store.setState({ inputError: message });
      answer(refusal(message, request));
    };
    let outcome: { request: RequestId; refusal: string | null } | null;
    try {
      outcome = obey(type, data);
    } catch (error) {
      outcome = { request: rawRequest, refusal: error instanceof Error ? error.message : String(error) };
    }
    if (outcome === null) refuse(`unknown or malformed command "${type.slice(0, 60)}"`);
    else if (outcome.refusal !== null) refuse(outcome.refusal, outcome.request);
    else if (outcome.request !== undefined)
      answer({ type: 've-playground:ack', id, request: outcome.request });

    /** Validates and carries out a command; null when it is unknown or malformed. */
    function obey(
      commandType: string,
      message: object,
    ): { request: RequestId; refusal: string | null } | null {
      const action = actionForEmbed(commandType.slice(EMBED_PREFIX.length));
      if (action) {
        const parsed = actionCommandSchema.safeParse(message);
        if (!parsed.success) return null;
        const reason = runAction(action, playground);
        return {
          request: parsed.data.request,
          refusal: reason === null ? null : `${action.label}: ${reason}`,
        };
      }
      const parsed = embedCommandSchema.safeParse(message);
      if (!parsed.success) return null;
      return { request: parsed.data.request, refusal: run(parsed.data, playground, answer, id) };
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
  const unsubscribe = playground.store.subscribe(onState);
  report({ type: 've-playground:ready', id });
  // The API is loaded on demand (TeachLayer), so the first snapshot may have come already.
  onState(playground.store.getState());
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}
