/**
 * Which embedders an embed obeys: the origins named in its `&origin=` (comma-separated, or the
 * parameter repeated), or any when there is none (local slides opened from a file). Answers go to
 * the sender's origin, never to '*' when the sender's origin is known.
 */

export interface OriginPolicy {
  /** null: open to any origin. */
  allowed: readonly string[] | null;
  accepts(origin: string): boolean;
  /** Where reports go before any command arrived (the `ready` message). */
  broadcastTargets(): readonly string[];
}

function normalise(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

export function originPolicy(search: string): OriginPolicy {
  const named = new URLSearchParams(search)
    .getAll('origin')
    .flatMap((v) => v.split(','))
    .map(normalise)
    .filter((o): o is string => o !== null)
    .slice(0, 20);
  const allowed = named.length > 0 ? named : null;
  return {
    allowed,
    accepts: (origin) => allowed === null || allowed.includes(origin),
    broadcastTargets: () => allowed ?? ['*'],
  };
}

/** A postMessage target for `origin`: file:// and sandboxed senders have origin "null", only '*' reaches them. */
export function targetFor(origin: string): string {
  return origin === 'null' || origin === '' ? '*' : origin;
}
