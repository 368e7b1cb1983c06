/**
 * Playgrounds in a page of your own, without iframes: this entry (one bundle) mounts a
 * <Playground/> in every element with a `data-ve-playground` attribute — its value is a scenario
 * file's address or a playground link (source.ts), empty for the default machine. Each playground
 * has its own store, engine worker and explorer, takes the keys while focus is inside it, and
 * leaves the page's address bar alone. embed-example.html shows two side by side.
 */
import { createRoot } from 'react-dom/client';
import { Playground } from '../ui/Playground';
import { openSource } from './source';
import '../ui/styles.css';

const MOUNT_ATTRIBUTE = 'data-ve-playground';

/** Mounts one playground in `element`; resolves once its scenario is read. Returns the unmount. */
async function mountPlayground(element: HTMLElement, source = ''): Promise<() => void> {
  const open = (await openSource(source)) ?? undefined;
  const root = createRoot(element);
  root.render(<Playground options={{ open }} />);
  return () => root.unmount();
}

/** Every element of `scope` that asks for a playground gets one (each once). */
function mountAll(scope: ParentNode = document): void {
  for (const element of scope.querySelectorAll<HTMLElement>(`[${MOUNT_ATTRIBUTE}]`)) {
    if (element.dataset.veMounted) continue;
    element.dataset.veMounted = 'true';
    void mountPlayground(element, element.getAttribute(MOUNT_ATTRIBUTE) ?? '');
  }
}

mountAll();
