/**
 * The scenario format's limits, defaults and the gpa rule (scenario.md), without the schema: the
 * engine worker checks clicks against them and the minimal JSON leaves defaults out, and neither
 * should load zod (schema.ts) for that — the worker starts on every first visit.
 */
import { gpaValue } from '../engine/scenario';
import type { Backing } from '../engine/scenario';

/** Limits of the format (scenario.md gives the ranges; the caps keep hostile inputs cheap). */
export const LIMITS = {
  maxVcpus: 64,
  maxEntries: 64,
  maxTasksPerVcpu: 64,
  maxPages: 4096,
  maxActions: 100_000,
  maxNarration: 1000,
  maxExploreAccesses: 1000,
  maxStep: 1e9,
  maxLatency: 1e6,
  maxSeed: 2 ** 32 - 1,
  maxTimes: 64,
  maxStates: 1e8,
  maxTitle: 200,
  maxDescription: 4000,
  maxNarrationText: 1000,
  maxTaskName: 64,
  /** MAXPHYADDR = 52: every gpa is below 2^52. */
  gpaLimit: 2 ** 52,
  /** "0x" and at most 15 hex digits. */
  maxGpaDigits: 15,
} as const;

/** Default page-in latency per backing, in ticks (scenario.md). */
export const DEFAULT_LATENCY: Record<Backing, number> = { present: 0, swapped: 10, lost: 0 };

export const DEFAULT_CONFIG = {
  entries: 4,
  seed: 1,
  scheduler: 'round-robin',
  timing: 'latency',
} as const;

export const DEFAULT_MAX_STATES = 1_000_000;

const GPA_PATTERN = new RegExp(`^0x[0-9a-fA-F]{1,${LIMITS.maxGpaDigits}}$`);

/** Why a gpa string is not acceptable, or null when it is. */
export function gpaProblem(gpa: string): string | null {
  if (!GPA_PATTERN.test(gpa)) {
    return `expected a hex guest-physical address like "0x2000" (at most ${LIMITS.maxGpaDigits} hex digits), got ${describeValue(gpa)}`;
  }
  const value = gpaValue(gpa);
  if (value >= LIMITS.gpaLimit) return `gpa ${gpa} is beyond MAXPHYADDR (must be below 2^52)`;
  if (value % 4096 !== 0) return `gpa ${gpa} is not 4 KiB-aligned (must be a multiple of 0x1000)`;
  return null;
}

/** A short, safe description of a value for messages (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
