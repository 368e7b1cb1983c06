/**
 * Every step label of src/engine/labels.ts is executed somewhere: in a preset, or in a small
 * scenario written here for the labels only a variant or free timing reaches. Every event names
 * a known label, executed by the right kind of actor.
 */
import { describe, expect, it } from 'vitest';
import { HOST_LABELS, VCPU_LABELS } from '../../src/engine';
import type { TraceEvent } from '../../src/engine';
import { loadPreset, parseOrThrow, presetNames, run } from './helpers';

/** ve.clear_entry exists only with reentrancyClear "at-entry". */
const AT_ENTRY = parseOrThrow({
  format: 've-playground/scenario',
  version: 1,
  config: {
    variant: { reentrancyClear: 'at-entry' },
    vcpus: [{ tasks: [{ name: 'app' }, { name: 'k', mode: 'kernel' }] }],
    pages: [{ gpa: '0x2000', backing: 'swapped', latency: 3 }],
  },
  actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
});

/** host.page_in exists only with timing "free". */
const FREE = parseOrThrow({
  format: 've-playground/scenario',
  version: 1,
  config: {
    timing: 'free',
    vcpus: [{ tasks: [{ name: 'app' }] }],
    pages: [{ gpa: '0x2000', backing: 'swapped' }],
  },
  actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }],
});

const ALL_LABELS: readonly string[] = [...VCPU_LABELS, ...HOST_LABELS];

function collect(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  const add = (source: string, events: TraceEvent[]): void => {
    for (const e of events) {
      const list = where.get(e.kind) ?? [];
      if (!list.includes(source)) list.push(source);
      where.set(e.kind, list);
    }
  };
  for (const name of presetNames()) add(name, run(loadPreset(name)).events);
  add('at-entry', run(AT_ENTRY).events);
  add('free', run(FREE).events);
  return where;
}

describe('step labels', () => {
  const where = collect();

  it('has no duplicate labels and no overlap between vCPU and host labels', () => {
    expect(new Set(ALL_LABELS).size).toBe(ALL_LABELS.length);
  });

  it.each(ALL_LABELS)('%s is executed by some scenario', (label) => {
    expect(where.get(label), `no scenario executes ${label}`).toBeDefined();
  });

  it('every event of every preset names a known label on the right actor', () => {
    for (const name of presetNames()) {
      for (const e of run(loadPreset(name)).events) {
        expect(ALL_LABELS).toContain(e.kind);
        if ((HOST_LABELS as readonly string[]).includes(e.kind)) expect(e.actor).toBe('host');
        else expect(e.actor).toMatch(/^vcpu\d+$/);
      }
    }
  });

  it('ve.clear_entry re-arms #VE right after ve.vp under reentrancyClear "at-entry"', () => {
    const r = run(AT_ENTRY);
    const kinds = r.events.map((e) => e.kind);
    const i = kinds.indexOf('ve.clear_entry');
    expect(kinds.slice(i - 1, i + 2)).toEqual(['ve.vp', 've.clear_entry', 've.find']);
    // There is no second clear after the hypercall on this variant.
    expect(kinds).not.toContain('ve.cc.clear');
    expect(r.outcome).toBe('quiescent');
  });

  it('host.page_in finishes a page-in under timing "free"', () => {
    const r = run(FREE);
    const pageIns = r.events.filter((e) => e.kind === 'host.page_in');
    expect(pageIns).toEqual([
      expect.objectContaining({ actor: 'host', detail: { gpa: '0x2000', result: 'RESOLVED' } }),
    ]);
    expect(r.outcome).toBe('quiescent');
    expect(r.violations).toEqual([]);
  });
});
