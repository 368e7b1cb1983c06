import { useApp } from '../store/appStore';
import { describeEvent } from './code/describeEvent';
import { actorColor } from './palette';

/** The last executed steps in words, newest first. */
export function EventLog() {
  const events = useApp((s) => s.events);
  const shown = events.slice(-40).reverse();
  return (
    // Focusable: the log scrolls, and a keyboard user must be able to scroll it (WCAG 2.1.1).
    <section className="panel log" aria-label="event log" tabIndex={0}>
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
