import { useEffect, useState } from 'react';
import { useActions, useApp } from '../store/appStore';
import { CodePanel } from './CodePanel';
import { Controls } from './Controls';
import { ErrorBanner } from './ErrorBanner';
import { EventLog } from './EventLog';
import { ExplorePanel } from './explore/ExplorePanel';
import { HostPanel } from './HostPanel';
import { InvariantList } from './InvariantList';
// Split off: fetched the first time they open (Lazy.tsx).
import { AboutDialog, MachineEditor } from './Lazy';
import { ManualScheduler } from './ManualScheduler';
import { NextNarration } from './Narration';
import { OutcomeBanner } from './OutcomeBanner';
import { PagesGrid } from './PagesGrid';
import { TimelinePanel } from './timeline/TimelinePanel';
import { TeachButtons } from './teach/TeachButtons';
import { TeachLayer } from './teach/TeachLayer';
import { useTeach } from './teach/teachStore';
import { StepExplanation } from './stage/StepExplanation';
import { MoveLayer } from './stage/MoveLayer';
import { Stage } from './stage/Stage';
import './layout.css';

/** `?show=code` (or `show=code,…`): panels an embed adds to its machine-only picture. */
function showsCode(search: string): boolean {
  return new URLSearchParams(search).getAll('show').some((v) => v.split(',').includes('code'));
}

export function App() {
  const theme = useApp((s) => s.theme);
  const title = useApp((s) => s.scenario?.title ?? 'VE Playground');
  // Lecture mode and embeds say both in their caption (LectureCaption) instead.
  const captioned = useTeach((s) => s.lecture || s.embed);
  const embed = useTeach((s) => s.embed);
  // styles.css: no change-mark fade while playing (it would repaint at every frame).
  const playing = useApp((s) => s.playing);
  const { setPanel, toggleTheme } = useActions();
  // `&show=code` in an embed adds the code panel (layout.css).
  const [showCode] = useState(() => showsCode(typeof location === 'undefined' ? '' : location.search));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`app ${showCode ? 'show-code' : ''}`} data-playing={playing ? 'true' : 'false'}>
      <header className="top">
        <h1>
          <span className="brand">#VE async page faults</span> <span className="scenario-title">{title}</span>
        </h1>
        <Controls />
        <div className="top-actions">
          <button type="button" onClick={() => setPanel('editor', true)}>
            ✎ Edit machine
          </button>
          <button type="button" onClick={() => setPanel('about', true)}>
            About the model
          </button>
          <TeachButtons />
          <button
            type="button"
            onClick={toggleTheme}
            aria-label={`Theme: ${theme}`}
            title="Light / dark theme"
          >
            {theme === 'dark' ? '☾' : '☀'}
          </button>
        </div>
      </header>
      <div className="banners">
        <ErrorBanner />
        <OutcomeBanner />
        <ManualScheduler />
        {!captioned && (
          <div className="step-words">
            <StepExplanation />
            <NextNarration />
          </div>
        )}
      </div>
      {/* Areas named in layout.css per screen size: pages, vcpus (the stage), host, inv, code. */}
      <main className="main">
        <PagesGrid />
        <Stage />
        <HostPanel />
        <InvariantList />
        {/* An embed is the machine only, unless it asks for the code (&show=code). */}
        {(!embed || showCode) && <CodePanel />}
        <MoveLayer />
      </main>
      <TimelinePanel />
      <ExplorePanel />
      <EventLog />
      <MachineEditor />
      <AboutDialog />
      <TeachLayer />
    </div>
  );
}
