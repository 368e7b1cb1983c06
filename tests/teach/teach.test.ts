/** The gallery's presets and the plain-sentence explanations of every step. */
import { describe, expect, it } from 'vitest';
import { HOST_LABELS, runScenario, VCPU_LABELS, type TraceEvent } from '../../src/engine';
import { decodeScenarioHash } from '../../src/share';
import { actorWords, explainEvent, explainStep, lastStepEvents } from '../../src/ui/teach/explanations';
import { PRESET_NAMES, presetOf, presets, questionOf } from '../../src/playground/presets';

describe('presets', () => {
  it('all 17 named scenarios, each with a title, a one-line question, captions and its own URL', () => {
    const list = presets();
    expect(list.map((p) => p.name)).toEqual([...PRESET_NAMES]);
    expect(list).toHaveLength(17);
    const hashes = new Set<string>();
    for (const p of list) {
      expect(p.title.length).toBeGreaterThan(5);
      expect(p.question).toMatch(/^[A-Z].*\?$/);
      expect(p.question).not.toContain('\n');
      expect(p.question.length).toBeLessThan(200);
      expect(p.scenario.narration?.length ?? 0).toBeGreaterThan(0);
      const decoded = decodeScenarioHash(p.hash);
      expect(decoded.ok && decoded.scenario).toEqual(p.scenario);
      expect(presetOf(p.scenario)?.name).toBe(p.name);
      hashes.add(p.hash);
    }
    expect(hashes.size).toBe(17);
  });

  it('questions come from the description', () => {
    expect(questionOf('happy-user', 'What happens when X (e.g. Y)? More. Text?')).toBe(
      'What happens when X (e.g. Y)?',
    );
    expect(questionOf('bug-on-despite-check', 'A flaw.')).toMatch(/\?$/);
  });
});

describe('explanations', () => {
  it('every step of every preset becomes one plain sentence', () => {
    const seen = new Set<string>();
    for (const p of presets()) {
      const report = runScenario(p.scenario, { maxSteps: 2000 });
      for (const e of report.events ?? []) {
        const sentence = explainEvent(e);
        seen.add(e.kind);
        expect(sentence).toMatch(/^(vCPU|[A-Z]).*[.]$/);
        expect(sentence).not.toMatch(/undefined|null|\[object|NaN|\?\]/);
        expect(sentence).toContain(actorWords(e.actor).replace(/^The /, ''));
      }
    }
    // The presets exercise nearly every label; the rest still have a sentence.
    expect(seen.size).toBeGreaterThan(25);
    for (const kind of [...VCPU_LABELS, ...HOST_LABELS]) {
      const s = explainEvent({ step: 0, actor: 'vcpu1', kind, detail: {} });
      expect(s).toMatch(/^(vCPU|[A-Z]).*[.]$/);
      expect(s).not.toMatch(/undefined|null/);
    }
  });

  it('the example of the issue', () => {
    expect(explainEvent({ step: 9, actor: 'vcpu0', kind: 've.cc.clear', detail: {} })).toBe(
      'vCPU 0 cleared the reentrancy word: the next EPT violation on it can be a #VE again.',
    );
  });

  it('explains the last executed step before the current one', () => {
    const events: TraceEvent[] = [
      { step: 0, actor: 'vcpu0', kind: 'hw.access', detail: { gpa: '0x2000', result: 've' } },
      { step: 3, actor: 'host', kind: 'host.page_in', detail: { gpa: '0x2000', result: 'RESOLVED' } },
    ];
    expect(explainStep(events, 0)).toBeNull();
    expect(explainStep(events, 1)).toContain('vCPU 0 touched 0x2000');
    expect(explainStep(events, 3)).toContain('vCPU 0 touched 0x2000');
    expect(lastStepEvents(events, 4)).toEqual([events[1]]);
    expect(explainStep(events, 4)).toBe('The host finished bringing 0x2000 in.');
  });
});
