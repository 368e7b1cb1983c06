import { BOTH_FIXES, VARIANT_SWITCHES, variantWith, type Variant } from '../engine';

/** The variant matrix: `{}`, each switch of protocol.md §3 alone, and both fixes together. */
export const MATRIX: { label: string; variant: Partial<Variant> }[] = [
  { label: '{} (the mail)', variant: {} },
  ...VARIANT_SWITCHES.map((sw) => ({
    label: `${sw.name}: ${String(sw.other)}`,
    variant: variantWith(sw.name, sw.other),
  })),
  { label: 'both fixes', variant: BOTH_FIXES },
];
