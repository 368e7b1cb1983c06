/**
 * The first playground's `loadScenario`, for the Explore panel (src/ui/explore/), which keeps its
 * own store for now. Everything else calls its own playground's commands (`useActions()`).
 */
import type { Scenario } from '../engine';
import { firstPlayground } from './appStore';

export function loadScenario(scenario: Scenario, at = 0): void {
  firstPlayground()?.actions.loadScenario(scenario, at);
}
