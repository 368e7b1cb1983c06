import { useEffect } from 'react';
import { setPanel, toggleTheme } from '../store/actions';
import { useApp } from '../store/appStore';
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
import { Narration } from './Narration';
import { OutcomeBanner } from './OutcomeBanner';
import { PagesGrid } from './PagesGrid';
import { VcpuGrid } from './VcpuGrid';
import { TimelinePanel } from './timeline/TimelinePanel';
import { useKeyboard } from './useKeyboard';
import { TeachButtons } from './teach/TeachButtons';
import { TeachLayer } from './teach/TeachLayer';

export function App() {
  const theme = useApp((s) => s.theme);
  const title = useApp((s) => s.scenario?.title ?? 'VE Playground');
  useKeyboard();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
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
        <Narration />
      </div>
      <main className="main">
        <VcpuGrid />
        <div className="middle">
          <PagesGrid />
          <HostPanel />
          <InvariantList />
        </div>
        <CodePanel />
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
