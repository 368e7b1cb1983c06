import { useEffect, useRef, useState } from 'react';
import { PlaygroundContext } from '../playground/context';
import {
  createPlaygroundStore,
  type Playground as PlaygroundStore,
  type PlaygroundOptions,
} from '../playground/createPlaygroundStore';
import { App } from './App';
import { useKeyboard } from './useKeyboard';
import './playground.css';

/** The registry's keys, bound for the playground of the surrounding context. */
function Keys({ element }: { element: React.RefObject<HTMLElement | null> }) {
  useKeyboard(element);
  return null;
}

/**
 * One playground: its own store, engine worker and explore worker (created on mount, disposed on unmount), handed
 * to every view through context. Several can share a page; each runs independently. A playground
 * that does not own the window takes its keys when focus is inside it.
 */
export function Playground({
  options,
  onReady,
}: {
  options?: PlaygroundOptions;
  /** Called with the store once created (the test hooks use it). */
  onReady?: (playground: PlaygroundStore) => void;
}) {
  const [playground] = useState(() => createPlaygroundStore(options));
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    playground.start();
    onReady?.(playground);
    return () => {
      playground.dispose();
    };
  }, [playground, onReady]);
  const app = (
    <PlaygroundContext.Provider value={playground}>
      <Keys element={element} />
      <App />
    </PlaygroundContext.Provider>
  );
  if (playground.ownsWindow) return app;
  return (
    <div className="playground-instance" ref={element} tabIndex={-1} data-playground="">
      {app}
    </div>
  );
}
