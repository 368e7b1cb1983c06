/**
 * What an import does with its result: the playground opens it, or says why not and keeps the run.
 * Large texts are read off the main thread (validateClient.ts).
 */
import { importScenarioFile } from '../share/importText';
import { readScenarioText } from '../worker/validateClient';
import type { Opened } from './commands';

export type Open = (result: Opened) => void;

export async function importFile(file: File, open: Open): Promise<void> {
  open(await importScenarioFile(file, readScenarioText));
}

export async function importText(text: string, source: string, open: Open): Promise<void> {
  open(await readScenarioText(text, source));
}
