import { useRef, useState } from 'react';
import type { TraceEvent } from '../engine';
import { useApp } from '../store/appStore';
import { describeEvent } from './code/describeEvent';
import { actorColor } from './palette';
import { useOnScreen } from './useOnScreen';

/**
 * The last executed steps in words, newest first. Off screen (below the fold, scrolled away, or
 * hidden in lecture mode) the rows are not rewritten: a jump would rebuild 40 rows nobody sees
 * before its step is painted (about 3 of the 10 ms a jump took on the default playground).
 * They catch up just before the log scrolls into view.
 */
export function EventLog() {
  const panel = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(panel);
  // Null while off screen: the selected value stays the same, so the log does not re-render.
  const live = useApp((s) => (onScreen ? s.events : null));
  // The rows last shown, kept while off screen (React's "state from the previous render").
  const [kept, setKept] = useState<readonly TraceEvent[]>(live ?? []);
  if (live && live !== kept) setKept(live);
  const shown = (live ?? kept).slice(-40).reverse();
  return (
    // Focusable: the log scrolls, and a keyboard user must be able to scroll it (WCAG 2.1.1).
    <section ref={panel} className="panel log" aria-label="event log" tabIndex={0}>
      <h3>Event log</h3>
      <ol className="events">
        {shown.length === 0 && <li className="muted">Nothing has happened yet.</li>}
        {shown.map((e) => (
          <li key={`${e.step}-${e.actor}`}>
            <span className="ev-step mono">{e.step}</span>{' '}
            <span className="actor-badge" style={{ ['--actor' as string]: actorColor(e.actor) }}>
              {e.actor}
            </span>{' '}
            <code>{e.kind}</code> {describeEvent(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
