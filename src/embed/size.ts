/**
 * The size of a value posted by an embedder, measured as JSON characters with an early stop: a
 * structured clone can be huge (or cyclic), and measuring must cost at most the limit, not the
 * value, so a hostile message cannot freeze the main thread.
 */

/** Approximate JSON length of `value`, or null once it exceeds `limit` (or is cyclic / too deep). */
export function boundedJsonSize(value: unknown, limit: number): number | null {
  let size = 0;
  const seen = new Set<object>();
  // An explicit stack: deep nesting is bounded by the limit, not by the call stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') size += 8;
    else if (v === null || v === undefined) size += 4;
    else if (typeof v === 'object') {
      if (seen.has(v)) return null;
      seen.add(v);
      if (Array.isArray(v)) {
        size += 2 + v.length;
        if (size > limit) return null;
        for (const item of v) stack.push(item);
      } else {
        const keys = Object.keys(v);
        size += 2 + keys.length * 2;
        if (size > limit) return null;
        for (const key of keys) {
          size += key.length + 2;
          stack.push((v as Record<string, unknown>)[key]);
        }
      }
    } else size += 4;
    if (size > limit) return null;
  }
  return size;
}
