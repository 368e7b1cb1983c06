/**
 * The origin of the open scenario's captions (playground/narrationOrigin.ts). That module holds
 * every preset, so it is fetched (with the gallery's chunk) only for a scenario whose captions are
 * not the default playground's; until it arrives, `ready` is false.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../engine';
import type { NarrationOrigin, OtherRun } from '../../playground/narrationOrigin';
import { defaultScenario } from '../../store/defaultScenario';

type OriginModule = typeof import('../../playground/narrationOrigin');

let loaded: OriginModule | null = null;
let loading: Promise<OriginModule | null> | null = null;
let failed = false;

function load(): Promise<OriginModule | null> {
  loading ??= import('../../playground/narrationOrigin').then(
    (m) => (loaded = m),
    // No chunk (offline after a redeploy): the captions show as they are.
    () => {
      failed = true;
      return null;
    },
  );
  return loading;
}

let defaultCaptions: string | null = null;

/** The default playground's captions are instructions for any variant: no lookup needed. */
function needsLookup(scenario: Scenario | null): boolean {
  if (!scenario?.narration?.length) return false;
  defaultCaptions ??= JSON.stringify(defaultScenario().narration ?? []);
  return JSON.stringify(scenario.narration) !== defaultCaptions;
}

export interface OriginState {
  ready: boolean;
  origin: NarrationOrigin | null;
  /** The note that replaces captions written for another variant. */
  mismatch: string | null;
  /** The fix of the preset (or the way back from it), with the same clicks. */
  other: OtherRun | null;
}

const NONE: OriginState = { ready: true, origin: null, mismatch: null, other: null };

export function useNarrationOrigin(scenario: Scenario | null, step: number): OriginState {
  const lookup = needsLookup(scenario);
  const [, setArrived] = useState(loaded !== null);
  useEffect(() => {
    if (!lookup || loaded) return;
    let live = true;
    void load().then(() => {
      if (live) setArrived(true);
    });
    return () => {
      live = false;
    };
  }, [lookup]);
  if (!scenario || !lookup) return NONE;
  if (!loaded) return failed ? NONE : { ...NONE, ready: false };
  const origin = loaded.narrationOrigin(scenario);
  return {
    ready: true,
    origin,
    mismatch: loaded.narrationMismatch(scenario, origin),
    other: loaded.otherRun(scenario, origin, step),
  };
}
