/**
 * Debian's Chromium, driven by playwright-core (no browser download): the launch the e2e tests and
 * the UI benchmark share. The flags keep it off the closed network (toolchain.md); a user on macOS
 * or Windows points CHROMIUM_PATH at their Chrome.
 *
 * The tests prefer Debian's `chromium-headless-shell` (the same Blink, without the browser's own
 * window): measured here, a page opens for 0.45 s of CPU instead of 1.5 s, and a pasted link costs
 * 2.4 ms instead of 8.6 ms, most of which was the full browser re-shaping the long URL in its
 * hidden omnibox. The suite is bound by CPU, so that is most of its time. The UI benchmark measures
 * in the full browser, as a user runs the app.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FULL = '/usr/bin/chromium';
const SHELL = '/usr/bin/chromium-headless-shell';

/** `extraArgs`: flags one test file needs on top of these; `full`: the whole browser, not the shell. */
export function launchChromium(extraArgs: readonly string[] = [], full = false): Promise<Browser> {
  const path = process.env.CHROMIUM_PATH ?? (!full && existsSync(SHELL) ? SHELL : FULL);
  return chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
