/**
 * Structural sharing for worker frames: every frame arrives as a fresh structured clone, so each
 * part of it is a new object even when nothing in it changed. `structuralShare(prev, next)`
 * returns `next` with every part that is deep-equal to the same part of `prev` replaced by the
 * `prev` object — and `prev` itself when everything is equal. Views can then memoise by
 * reference (`memo`, selectors with `Object.is`): a vCPU, slot, task or page list that did not
 * change this frame keeps its identity, and its component skips rendering.
 *
 * Only plain objects and arrays are merged; anything else (and any type change) takes `next`.
 */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function structuralShare<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    const prevArr = prev as unknown[];
    const nextArr = next as unknown[];
    let same = prevArr.length === nextArr.length;
    const out: unknown[] = new Array<unknown>(nextArr.length);
    for (let k = 0; k < nextArr.length; k++) {
      const v = structuralShare(prevArr[k], nextArr[k]);
      out[k] = v;
      if (same && v !== prevArr[k]) same = false;
    }
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev) || !isPlainObject(prev) || !isPlainObject(next)) return next;
  const prevKeys = Object.keys(prev);
  const nextKeys = Object.keys(next);
  let same = prevKeys.length === nextKeys.length;
  const out: Record<string, unknown> = {};
  for (const key of nextKeys) {
    const had = Object.prototype.hasOwnProperty.call(prev, key);
    const v = had ? structuralShare(prev[key], next[key]) : next[key];
    out[key] = v;
    if (same && (!had || v !== prev[key])) same = false;
  }
  return (same ? prev : out) as T;
}
