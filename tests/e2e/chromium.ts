/**
 * Debian's Chromium, driven by playwright-core (no browser download): the launch the e2e tests and
 * the UI benchmark share. The flags keep it off the closed network (toolchain.md); a user on macOS
 * or Windows points CHROMIUM_PATH at their Chrome.
 */
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

/** `extraArgs`: flags one test file needs on top of these. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
