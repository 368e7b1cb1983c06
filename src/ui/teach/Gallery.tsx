import { useEffect, useMemo, useRef } from 'react';
import { useActions, useApp } from '../../store/appStore';
import { presetOf, presets, type Preset } from '../../playground/presets';
import { useTeach } from './teachStore';

type Actions = ReturnType<typeof useActions>;

function choose(e: React.MouseEvent<HTMLAnchorElement>, preset: Preset, actions: Actions): void {
  // A modified click opens the preset's own URL in a new tab, as any link does.
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  actions.setGallery(false);
  actions.openAsNewEntry(preset.scenario, 0);
}

/** The named scenarios of protocol.md §5: each a link to its own URL; choosing one loads it. */
export function Gallery() {
  const actions = useActions();
  const { setGallery } = actions;
  const open = useTeach((s) => s.gallery);
  const scenario = useApp((s) => s.scenario);
  const current = useMemo(() => (open ? presetOf(scenario) : null), [open, scenario]);
  const list = useMemo(() => (open ? presets() : []), [open]);
  const firstRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => setGallery(false)}>
      <div
        className="dialog gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gallery-title"
        data-testid="gallery"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="gallery-head">
          <h2 id="gallery-title">Scenarios</h2>
          <p className="muted">
            The named scenarios of the protocol, each with its captions. Each card is a link you can share.
          </p>
          <button type="button" onClick={() => setGallery(false)} aria-label="Close the gallery">
            ✕
          </button>
        </div>
        <ol className="gallery-list">
          {list.map((p, i) => (
            <li key={p.name}>
              <a
                ref={i === 0 ? firstRef : undefined}
                className="gallery-card"
                href={p.hash}
                data-testid={`preset-${p.name}`}
                aria-current={current?.name === p.name ? 'true' : undefined}
                onClick={(e) => choose(e, p, actions)}
              >
                <span className="gallery-num">{i + 1}</span>
                <span className="gallery-title">{p.title}</span>
                <span className="gallery-question">{p.question}</span>
                <span className="gallery-meta mono">
                  {p.name} · {p.scenario.narration?.length ?? 0} captions
                </span>
              </a>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
