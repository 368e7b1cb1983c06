/** Edits raw scenario JSON by path, for tests that feed hostile values without `any`. */
import { clone } from './fixtures';

/** Deletes the field instead of setting it. */
export const DELETE = Symbol('delete');

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function setAt(target: Container, key: string, value: unknown): void {
  if (Array.isArray(target)) {
    const index = Number(key);
    if (value === DELETE) target.splice(index, 1);
    else target[index] = value;
  } else if (value === DELETE) delete target[key];
  else target[key] = value;
}

function getAt(target: Container, key: string): unknown {
  return Array.isArray(target) ? target[Number(key)] : target[key];
}

/**
 * A deep copy of `base` with each `[path, value]` applied in order. Paths are dotted
 * (`config.vcpus.0.tasks`); `path.+` appends to an array.
 */
export function edit(base: unknown, ...changes: [string, unknown][]): unknown {
  const out = clone(base);
  for (const [path, value] of changes) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let target: unknown = out;
    for (const key of keys) {
      if (!isContainer(target)) throw new Error(`edit: no container at ${path}`);
      target = getAt(target, key);
    }
    if (!isContainer(target)) throw new Error(`edit: no container at ${path}`);
    if (last === '+') {
      if (!Array.isArray(target)) throw new Error(`edit: ${path} is not an array`);
      target.push(value);
    } else setAt(target, last, value);
  }
  return out;
}
