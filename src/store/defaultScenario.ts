/** The playground that opens with no URL: public/scenarios/playground.json, validated like any input. */
import type { Scenario } from '../engine';
import { parseScenario } from '../share/schema';
import playground from '../../public/scenarios/playground.json';

export function defaultScenario(): Scenario {
  const parsed = parseScenario(playground);
  // The preset is tested; a failure here is a bug in the bundle, not a user error.
  if (!parsed.ok) throw new Error(`the default playground is invalid: ${parsed.message}`);
  return parsed.scenario;
}
