/**
 * The scenario format's name and version (scenario.md), on their own so that both the schema and
 * the migration chain (migrate.ts) can read them without importing each other.
 */
export const SCENARIO_FORMAT = 've-playground/scenario';
export const SCENARIO_VERSION = 1;
