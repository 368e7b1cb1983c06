import { readFileSync } from 'node:fs';
import { parseScenario } from '/work/main/src/share';
import { explore } from '/work/main/src/explore/explore';
const r = parseScenario(JSON.parse(readFileSync('/work/main/tests/explore/fixtures/mail-machine.json', 'utf8')));
if (!r.ok) throw new Error();
for (let i = 0; i < 3; i++) {
  const rep = explore(r.scenario);
  console.log(rep.states, rep.seconds, Math.round(rep.states / rep.seconds));
}
