/** What a step reports about itself in its trace event. */
export type Detail = Record<string, string | number | boolean | null>;
