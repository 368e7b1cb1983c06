/**
 * embed-example.html's iframe half: an embedder's whole use of the postMessage API (messages.ts).
 * Buttons send commands (each with a `request` id, answered by an `ack` or an `error`), and the
 * embed's reports fill the readout. Reports are told apart by the iframe's `?id=`.
 */
import { EMBED_PREFIX, type EmbedReport } from './messages';

interface Embed {
  figure: HTMLElement;
  frame: HTMLIFrameElement;
  send(message: Record<string, unknown>): void;
}

const embeds = new Map<string, Embed>();
let nextRequest = 0;

for (const figure of document.querySelectorAll<HTMLElement>('figure[data-embed]')) {
  const frame = figure.querySelector('iframe');
  const id = figure.dataset.embed;
  if (!frame || !id) continue;
  const send = (message: Record<string, unknown>) =>
    frame.contentWindow?.postMessage({ ...message, request: `example-${++nextRequest}` }, '*');
  embeds.set(id, { figure, frame, send });
  for (const button of figure.querySelectorAll<HTMLButtonElement>('button[data-cmd]')) {
    button.addEventListener('click', () => {
      const cmd = button.dataset.cmd ?? '';
      const seek = figure.querySelector<HTMLInputElement>('[data-seek]');
      if (cmd === 'seek') send({ type: `${EMBED_PREFIX}seek`, step: Number(seek?.value) || 0 });
      else send({ type: EMBED_PREFIX + cmd });
    });
  }
}

window.addEventListener('message', (event: MessageEvent<EmbedReport>) => {
  const msg = event.data;
  if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') return;
  if (!msg.type.startsWith(EMBED_PREFIX) || msg.id === null) return;
  const embed = embeds.get(msg.id);
  if (!embed || event.source !== embed.frame.contentWindow) return;
  const out = embed.figure.querySelector<HTMLOutputElement>('[data-report]');
  if (!out) return;
  switch (msg.type) {
    case 've-playground:ready':
      embed.send({ type: `${EMBED_PREFIX}load`, preset: embed.frame.dataset.preset });
      break;
    case 've-playground:state':
      out.textContent = `step ${msg.step}${msg.playing ? ' ▶ playing' : ''}${msg.outcome ? ' · ' + msg.outcome : ''}`;
      out.dataset.step = String(msg.step);
      out.dataset.preset = msg.preset ?? '';
      break;
    case 've-playground:error':
      out.textContent = `refused: ${msg.message}`;
      break;
    case 've-playground:ack':
      break;
  }
});
