/**
 * The variant switches of protocol.md §3, described once for the machine editor, the explorer's
 * variant matrix and the docs: the mail's value is DEFAULT_VARIANT's, `other` is the one the
 * switch adds.
 */
import { DEFAULT_VARIANT, type Variant } from './scenario';

export interface VariantSwitch {
  name: keyof Variant;
  other: Variant[keyof Variant];
  /** bug: a bug one can add to the mail · what-if: breaks nothing · fix: mends a flaw of the mail. */
  role: 'bug' | 'what-if' | 'fix';
  shows: string;
}

export const VARIANT_SWITCHES: readonly VariantSwitch[] = [
  {
    name: 'injectWhen',
    other: 'always',
    role: 'bug',
    shows:
      'a completion injected inside the completion handler overwrites host_current before gc.info reads it',
  },
  {
    name: 'reentrancyClear',
    other: 'at-entry',
    role: 'bug',
    shows: 'the handler re-arms #VE before saving the info: a nested fault overwrites the VE info',
  },
  {
    name: 'bitmapFullCheck',
    other: false,
    role: 'bug',
    shows: 'with every slot taken by parked tasks the next #VE hits BUG_ON(idx >= N_ENTRIES)',
  },
  {
    name: 'migrateOnWake',
    other: true,
    role: 'what-if',
    shows: 'a woken task resumes on another vCPU; the vp captured before sleeping still names the right page',
  },
  {
    name: 'tifInVeClear',
    other: 'owner',
    role: 'fix',
    shows:
      'only the handler that set TIF_IN_VE clears it, so a nested #VE cannot park the task inside its handler',
  },
  {
    name: 'smClear',
    other: 'after-release',
    role: 'fix',
    shows: 'the SUSPEND_ME path re-arms #VE only after freeing its slot, so BUG_ON cannot fire in between',
  },
];

/** Both fixes of the mail's flaws (protocol.md §3). */
export const BOTH_FIXES: Partial<Variant> = { tifInVeClear: 'owner', smClear: 'after-release' };

/** The two values of a switch, the mail's first. */
export function switchValues(sw: VariantSwitch): [Variant[keyof Variant], Variant[keyof Variant]] {
  return [DEFAULT_VARIANT[sw.name], sw.other];
}

/** `{ [name]: value }` as a partial variant. */
export function variantWith(name: keyof Variant, value: Variant[keyof Variant]): Partial<Variant> {
  return { [name]: value } as Partial<Variant>;
}
