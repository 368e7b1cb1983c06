import { useMemo } from 'react';
import type { Snapshot, StepLabel } from '../engine';
import { useApp } from '../store/appStore';
import { MAIL_CODE } from './code/mailCode';
import { actorColor } from './palette';

/**
 * Which actors execute which label next, as one string ("label\tvcpu0 host\n…"): a selector
 * result compared by value, so the panel re-renders only when a highlight moves.
 */
function currentActorsKey(snapshot: Snapshot | null): string {
  if (!snapshot) return '';
  const map = new Map<StepLabel, string[]>();
  const add = (label: StepLabel | null, actor: string) => {
    if (!label) return;
    map.set(label, [...(map.get(label) ?? []), actor]);
  };
  snapshot.vcpus.forEach((v) => add(v.next, `vcpu${v.index}`));
  add(snapshot.host.next, 'host');
  return [...map].map(([label, actors]) => `${label}\t${actors.join(' ')}`).join('\n');
}

/** "vcpu0 host" style lists, keyed by label. */
function parseActors(key: string): Map<StepLabel, string[]> {
  const map = new Map<StepLabel, string[]>();
  if (key === '') return map;
  for (const line of key.split('\n')) {
    const [label, actors] = line.split('\t') as [StepLabel, string];
    map.set(label, actors.split(' '));
  }
  return map;
}

/** The mail's pseudocode, each line highlighted in the colour of the actors about to run it. */
export function CodePanel() {
  const actorsKey = useApp((s) => currentActorsKey(s.snapshot));
  const reentrancyClear = useApp((s) => s.scenario?.config.variant.reentrancyClear);
  const actors = useMemo(() => parseActors(actorsKey), [actorsKey]);
  return (
    <section className="panel code" aria-label="the mail's pseudocode">
      {MAIL_CODE.map((section) => (
        <div key={section.id} className="code-section">
          <h3>{section.title}</h3>
          <div className="code-lines">
            {section.blocks.map((block, n) => {
              if (!block.label) {
                return (
                  <pre key={n} className="code-block code-context">
                    {block.lines.join('\n')}
                  </pre>
                );
              }
              const who = actors.get(block.label) ?? [];
              const first = who[0];
              const off = block.onlyIf !== undefined && block.onlyIf.reentrancyClear !== reentrancyClear;
              return (
                <div
                  key={block.label}
                  className={`code-block ${block.prose ? 'code-prose' : ''} ${who.length ? 'code-current' : ''} ${off ? 'code-off' : ''}`}
                  data-testid={`code-line-${block.label}`}
                  data-current={who.join(' ')}
                  style={first ? { ['--actor' as string]: actorColor(first) } : undefined}
                >
                  <span className="code-label">{block.label}</span>
                  <pre>{block.lines.join('\n')}</pre>
                  {who.length > 0 && (
                    <span className="code-actors">
                      {who.map((a) => (
                        <span
                          key={a}
                          className="actor-badge"
                          style={{ ['--actor' as string]: actorColor(a) }}
                        >
                          ◀ {a}
                        </span>
                      ))}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </section>
  );
}
