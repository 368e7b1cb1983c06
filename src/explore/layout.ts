/**
 * Field widths of the explorer's packed state vector (vector.ts) for one machine: each field
 * takes as many bits as its values need on this machine (a page index on a 3-page machine takes
 * 2 bits, with room for -1 "none"), so the mail's machine packs into 20–30 bytes.
 */
import { VCPU_LABELS, type Machine } from '../engine';

/** Bits that hold the values 0 … n-1. */
export function bitsFor(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** Lengths below LEN_ESCAPE take LEN_BITS bits; longer ones take LEN_BITS + LONG_LEN_BITS. */
export const LEN_BITS = 2;
export const LEN_ESCAPE = (1 << LEN_BITS) - 1;
export const LONG_LEN_BITS = 24;
export const PC_BITS = bitsFor(VCPU_LABELS.length);

export interface Layout {
  /** A page index + 1 (0 = none). */
  page: number;
  /** A task index + 1 (0 = none). */
  task: number;
  /** A vCPU index + 1 (0 = none). */
  vcpu: number;
  /** A slot index + 1: -1 … entries (`ve.find` may give N_ENTRIES, which BUG_ON catches). */
  idx: number;
  /** Remaining `times` of each explored access. */
  budget: number[];
}

export function layoutOf(m: Machine, times: readonly number[]): Layout {
  const tasks = m.tasksOf.reduce((n, ts) => n + ts.length, 0);
  return {
    page: bitsFor(m.gpas.length + 1),
    task: bitsFor(tasks + 1),
    vcpu: bitsFor(m.nVcpus + 1),
    idx: bitsFor(m.entries + 2),
    budget: times.map((t) => bitsFor(t + 1)),
  };
}
