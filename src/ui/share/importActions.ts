/** What an import does with its result: the playground opens it, or says why not and keeps the run. */
import type { Opened } from '../../playground/commands';
import { importScenarioFile, importScenarioText } from './scenarioFile';

export type Open = (result: Opened) => void;

export async function importFile(file: File, open: Open): Promise<void> {
  open(await importScenarioFile(file));
}

export function importText(text: string, source: string, open: Open): void {
  open(importScenarioText(text, source));
}
