/** The playground a component belongs to, handed down by <Playground/> (React context). */
import { createContext, useContext } from 'react';
import type { Playground } from './createPlaygroundStore';

export const PlaygroundContext = createContext<Playground | null>(null);

export function usePlayground(): Playground {
  const playground = useContext(PlaygroundContext);
  if (!playground) throw new Error('VE Playground: a component used the store outside <Playground/>');
  return playground;
}
