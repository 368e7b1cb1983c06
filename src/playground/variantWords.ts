/** A variant as people write it: the switches that differ from the mail, `name = value`. */
import { DEFAULT_VARIANT, VARIANT_SWITCHES, type Variant } from '../engine';

/** The switches of `variant` that are not the mail's. */
export function changedSwitches(variant: Variant): string[] {
  return VARIANT_SWITCHES.filter((sw) => variant[sw.name] !== DEFAULT_VARIANT[sw.name]).map(
    (sw) => `${sw.name} = ${String(variant[sw.name])}`,
  );
}

/** "the mail as written" for `{}`, else "tifInVeClear = owner, smClear = after-release". */
export function variantWords(variant: Variant): string {
  const changed = changedSwitches(variant);
  return changed.length === 0 ? 'the mail as written' : changed.join(', ');
}

export function sameVariant(a: Variant, b: Variant): boolean {
  return VARIANT_SWITCHES.every((sw) => a[sw.name] === b[sw.name]);
}
