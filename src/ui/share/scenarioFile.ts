/**
 * Scenario files out: the minimal JSON of scenario.md, pretty-printed, offered as a download.
 * (Files in: src/share/importText.ts.)
 */
import type { Scenario } from '../../engine';
import { toMinimalJsonText } from '../../share';

/** The JSON a scenario is exported as: defaults left out, two-space indent, final newline. */
export function exportScenarioText(scenario: Scenario): string {
  return `${toMinimalJsonText(scenario, 2)}\n`;
}

/** A file name from the title: `nested-ept-violation-before-….json`, or `scenario.json`. */
export function exportFileName(scenario: Scenario): string {
  const slug = (scenario.title ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'scenario'}.json`;
}

/** Offers the scenario as a download (browser only). */
export function downloadScenario(scenario: Scenario): void {
  const blob = new Blob([exportScenarioText(scenario)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(scenario);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
