/** The explorer's default bounds (explore.md "maxStates", issue 13: a bounded memory). */

/** Distinct states searched when neither the scenario's `explore` block nor the user says. */
export const DEFAULT_MAX_STATES = 1_000_000;

/** Memory the search may hold on the command line: fits a 24 GiB machine with room to spare. */
export const DEFAULT_MAX_MEMORY_MIB = 4096;

/** In a browser tab, which shares the machine with the page and other tabs. */
export const BROWSER_MAX_MEMORY_MIB = 1024;
