import { useEffect, useMemo, useRef } from 'react';
import type { Scenario } from '../../engine';
import { fixedScenario, fixOf } from '../../playground/fixes';
import { presetOf, presets } from '../../playground/presets';
import { variantWords } from '../../playground/variantWords';
import { encodeScenarioHash } from '../../share';
import { useActions, useApp } from '../../store/appStore';
import { defaultScenario } from '../../store/defaultScenario';
import { ModalDialog } from '../ModalDialog';
import { useTeach } from './teachStore';

type Actions = ReturnType<typeof useActions>;

/** One card or link of the gallery: a scenario and the URL that opens it. */
interface Entry {
  scenario: Scenario;
  hash: string;
}

function choose(e: React.MouseEvent<HTMLAnchorElement>, entry: Entry, actions: Actions): void {
  // A modified click opens the entry's own URL in a new tab, as any link does.
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  actions.setGallery(false);
  actions.openAsNewEntry(entry.scenario, 0);
}

function entryOf(scenario: Scenario): Entry {
  return { scenario, hash: encodeScenarioHash(scenario) };
}

/**
 * The default playground, then the named scenarios of protocol.md §5: each a link to its own URL;
 * choosing one loads it. A preset whose flaw has a fix also links its fixed run.
 */
export function Gallery() {
  const actions = useActions();
  const { setGallery } = actions;
  const open = useTeach((s) => s.gallery);
  const scenario = useApp((s) => s.scenario);
  const current = useMemo(() => (open && scenario ? encodeScenarioHash(scenario) : null), [open, scenario]);
  const free = useMemo(() => entryOf(defaultScenario()), []);
  const list = useMemo(
    () =>
      presets().map((p) => {
        const fix = fixOf(p.name);
        return { preset: p, fix: fix && { ...entryOf(fixedScenario(p.scenario, fix)), fix } };
      }),
    [],
  );
  const currentPreset = useMemo(() => presetOf(scenario), [scenario]);
  const firstRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <ModalDialog
      onClose={() => setGallery(false)}
      className="gallery"
      labelledBy="gallery-title"
      testId="gallery"
    >
      <div className="gallery-head">
        <h2 id="gallery-title">Scenarios</h2>
        <p className="muted">
          The free playground and the named scenarios of the protocol, each with its captions. Each card is a
          link you can share.
        </p>
        <button type="button" onClick={() => setGallery(false)} aria-label="Close the gallery">
          ✕
        </button>
      </div>
      <ol className="gallery-list">
        <li>
          <a
            ref={firstRef}
            className="gallery-card"
            href={free.hash}
            data-testid="preset-playground"
            aria-current={current === free.hash ? 'true' : undefined}
            onClick={(e) => choose(e, free, actions)}
          >
            <span className="gallery-num">0</span>
            <span className="gallery-title">Free playground</span>
            <span className="gallery-question">
              Two vCPUs and seven pages: click a page to fault, and build your own run.
            </span>
            <span className="gallery-meta mono">playground · no recorded clicks</span>
          </a>
        </li>
        {list.map(({ preset: p, fix }, i) => (
          <li key={p.name} className={fix ? 'has-fix' : undefined}>
            <a
              className="gallery-card"
              href={p.hash}
              data-testid={`preset-${p.name}`}
              aria-current={currentPreset?.name === p.name ? 'true' : undefined}
              onClick={(e) => choose(e, { scenario: p.scenario, hash: p.hash }, actions)}
            >
              <span className="gallery-num">{i + 1}</span>
              <span className="gallery-title">{p.title}</span>
              <span className="gallery-question">{p.question}</span>
              <span className="gallery-meta mono">
                {p.name} · {p.scenario.narration?.length ?? 0} captions
              </span>
            </a>
            {fix && (
              <a
                className="gallery-fix"
                href={fix.hash}
                data-testid={`preset-fix-${p.name}`}
                aria-current={current === fix.hash ? 'true' : undefined}
                title={`The same run with ${variantWords(fix.scenario.config.variant)}: ${fix.fix.summary}`}
                onClick={(e) => choose(e, fix, actions)}
              >
                Try the fix: {variantWords(fix.scenario.config.variant)}
              </a>
            )}
          </li>
        ))}
      </ol>
    </ModalDialog>
  );
}
