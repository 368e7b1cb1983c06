/**
 * Code splitting: UI that the first paint does not need (the machine editor, the About dialog) is
 * a chunk of its own, fetched the first time it opens. What stays in the main chunk is a gate on
 * the same store flag the component itself reads, so a closed panel costs no download.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useApp } from '../store/appStore';

/** What a split-off part shows for the moment its chunk loads. */
function LazyFallback({ what }: { what: string }) {
  return (
    <p className="muted lazy-loading" role="status">
      Loading {what}…
    </p>
  );
}

/** `children` inside a Suspense boundary with the small fallback. */
export function Deferred({ what, children }: { what: string; children: ReactNode }) {
  return <Suspense fallback={<LazyFallback what={what} />}>{children}</Suspense>;
}

const Editor = lazy(() => import('./MachineEditor').then((m) => ({ default: m.MachineEditor })));
const About = lazy(() => import('./AboutDialog').then((m) => ({ default: m.AboutDialog })));

/** The machine editor (MachineEditor.tsx), loaded when "Edit machine" first opens it. */
export function MachineEditor() {
  const open = useApp((s) => s.panels.editor && s.scenario !== null);
  if (!open) return null;
  return (
    <Deferred what="the editor">
      <Editor />
    </Deferred>
  );
}

/** The About dialog (AboutDialog.tsx), loaded when first opened. */
export function AboutDialog() {
  const open = useApp((s) => s.panels.about);
  if (!open) return null;
  return (
    <Deferred what="the model notes">
      <About />
    </Deferred>
  );
}
