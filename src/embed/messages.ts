/**
 * The embed's postMessage API (README "Embedding"). The page that holds the iframe sends commands;
 * the embed answers with its state. Every message is a plain object whose `type` starts with
 * `ve-playground:`; anything else is ignored.
 *
 *   parent → embed                                     embed → parent
 *   { type: 've-playground:load', url | scenario | preset, at? }   { type: 've-playground:ready', id }
 *   { type: 've-playground:seek', step }                { type: 've-playground:state', id, step,
 *   { type: 've-playground:step' } / 'back' / 'reset'      playing, outcome, title, preset }
 *   { type: 've-playground:play' } / 'pause'            { type: 've-playground:error', id, message }
 *   { type: 've-playground:get' }  (answers with 'state')
 */
import * as z from 'zod/mini';

export const EMBED_PREFIX = 've-playground:';

const step = z.int().check(z.minimum(0), z.maximum(1e9));

export const embedCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ve-playground:load'),
    /** A playground link, `#s=…` or `s=…`. */
    url: z.optional(z.string().check(z.maxLength(300_000))),
    /** A scenario object (scenario.md), validated like a file. */
    scenario: z.optional(z.unknown()),
    /** A preset's name (public/scenarios/<name>.json). */
    preset: z.optional(z.string().check(z.maxLength(100))),
    at: z.optional(step),
  }),
  z.object({ type: z.literal('ve-playground:seek'), step }),
  z.object({ type: z.literal('ve-playground:step') }),
  z.object({ type: z.literal('ve-playground:back') }),
  z.object({ type: z.literal('ve-playground:reset') }),
  z.object({ type: z.literal('ve-playground:play') }),
  z.object({ type: z.literal('ve-playground:pause') }),
  z.object({ type: z.literal('ve-playground:get') }),
]);

export type EmbedCommand = z.infer<typeof embedCommandSchema>;

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
  | { type: 've-playground:error'; id: string | null; message: string };
