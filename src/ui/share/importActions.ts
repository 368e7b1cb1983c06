/** What an import does with its result: load the scenario, or say what is wrong and open the default. */
import { loadScenario } from '../../store/actions';
import { appStore } from '../../store/appStore';
import { defaultScenario } from '../../store/defaultScenario';
import { importScenarioFile, importScenarioText, type ImportResult } from './scenarioFile';

export function applyImport(result: ImportResult): void {
  if (result.ok) {
    appStore.setState({ inputError: null });
    loadScenario(result.scenario, result.at);
    return;
  }
  appStore.setState({ inputError: result.message });
  loadScenario(defaultScenario(), 0);
}

export async function importFile(file: File): Promise<void> {
  applyImport(await importScenarioFile(file));
}

export function importText(text: string, source: string): void {
  applyImport(importScenarioText(text, source));
}
