/**
 * The embed's postMessage API (README "Embedding"). The page that holds the iframe sends commands;
 * the embed answers with its state. Every message is a plain object whose `type` starts with
 * `ve-playground:`; anything else is ignored. Any command may carry a `request` (string or number):
 * the embed then answers it with an `ack` once handled (or an `error` naming the same request).
 *
 *   parent → embed                                     embed → parent
 *   { type: 've-playground:load', url | scenario | preset, at? }   { type: 've-playground:ready', id }
 *   { type: 've-playground:seek', step }                { type: 've-playground:state', id, step,
 *   { type: 've-playground:get' }  (answers with 'state')   playing, outcome, title, preset }
 *   { type: 've-playground:<action>' } for every action  { type: 've-playground:error', id, message, request? }
 *     of the registry with an embed name (step, back,    { type: 've-playground:ack', id, request }
 *     reset, play, pause, undo-click, clear-clicks)
 */
import * as z from 'zod/mini';

export const EMBED_PREFIX = 've-playground:';

const step = z.int().check(z.minimum(0), z.maximum(1e9));
const request = z.optional(z.union([z.string().check(z.maxLength(100)), z.number()]));

export const embedCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ve-playground:load'),
    /** A playground link, `#s=…` or `s=…`. */
    url: z.optional(z.string().check(z.maxLength(300_000))),
    /** A scenario object (scenario.md), validated like a file, at most the size of a link's. */
    scenario: z.optional(z.unknown()),
    /** A preset's name (public/scenarios/<name>.json). */
    preset: z.optional(z.string().check(z.maxLength(100))),
    at: z.optional(step),
    request,
  }),
  z.object({ type: z.literal('ve-playground:seek'), step, request }),
  z.object({ type: z.literal('ve-playground:get'), request }),
]);

/** A command of the action registry: its type is `ve-playground:<embed name>`. */
export const actionCommandSchema = z.object({ type: z.string().check(z.maxLength(100)), request });

export type EmbedCommand = z.infer<typeof embedCommandSchema>;
export type RequestId = string | number | undefined;

export interface EmbedState {
  type: 've-playground:state';
  /** The iframe's `?id=` (to tell several embeds apart), or null. */
  id: string | null;
  step: number;
  playing: boolean;
  /** null while the run goes on; else quiescent / hung / panic / killed / bug / max-steps / invalid. */
  outcome: string | null;
  title: string | null;
  /** The preset's name when the scenario is one, unchanged. */
  preset: string | null;
}

export type EmbedReport =
  | { type: 've-playground:ready'; id: string | null }
  | EmbedState
  | { type: 've-playground:ack'; id: string | null; request: string | number }
  | { type: 've-playground:error'; id: string | null; message: string; request?: string | number };
