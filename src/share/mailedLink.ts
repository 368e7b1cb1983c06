/**
 * Undoes what a mail does to a link on its way to the reader (issue 13 item 2): trailing
 * punctuation of the sentence it ends (`.`, `,`, `)`, `>`, `"`, …), surrounding `<…>` or quotes,
 * line breaks of a wrap at 76 columns with the reply's `>` quoting, and quoted-printable soft
 * breaks (`=` at the end of a line, `=3D` for `=`).
 *
 * Safe because none of those characters can be part of a link's fragment: the payload alphabet is
 * `A-Za-z0-9+-$`, the step is digits, and parts are joined by `&` and `=`.
 */

/** What a sentence or a mail client puts after a link. */
const TRAILING = new Set([...' \t\r\n.,)>"\'];!?']);
/** What opens around a link: `<https://…>`, quotes, brackets, a reply's `>` quoting. */
const LEADING = new Set([...' \t\r\n<"\'([>']);
/** Indentation and a reply's `>` quoting at the start of a wrapped line. */
const QUOTING = new Set([...' \t>']);
const BLANK = new Set([...' \t']);

// Loops, not regular expressions: a backtracking `[…]+$` is quadratic on a hostile link.
function dropStart(text: string, chars: ReadonlySet<string>): string {
  let i = 0;
  while (i < text.length && chars.has(text[i]!)) i++;
  return text.slice(i);
}

function dropEnd(text: string, chars: ReadonlySet<string>): string {
  let i = text.length;
  while (i > 0 && chars.has(text[i - 1]!)) i--;
  return text.slice(0, i);
}

/** Percent-decoded text, or the text itself when its percent-encoding is broken. */
function unpercent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Joins the lines of a wrapped link, without the wrap's indentation and a reply's quoting. */
function unwrap(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return text;
  return lines.map((line, i) => dropEnd(i > 0 ? dropStart(line, QUOTING) : line, BLANK)).join('');
}

/** A quoted-printable link: `#s=3D…`, perhaps with a soft break (`=`) before the `=3D`. */
const QUOTED_PRINTABLE = /(^|#)s=*=3D/i;

/**
 * Quoting and quoted-printable soft breaks left inside the link once its line breaks are gone
 * (the address bar drops them itself): neither `>` nor `=` can be part of a payload. In
 * quoted-printable, `=3D` is `=` and any other `=` is a soft break.
 */
function unquote(text: string): string {
  const unquoted = text.replace(/>[ \t]*/g, '');
  if (!QUOTED_PRINTABLE.test(unquoted)) return unquoted;
  return unquoted.replace(/=(?!3D)/gi, '').replace(/=3D/gi, '=');
}

/**
 * The link as it was written, from the link as it arrived. Percent-encoding is undone first: the
 * browser's address bar turns a pasted `"` or `>` or space into `%22`, `%3E`, `%20`.
 */
export function unmailLink(text: string): string {
  const link = dropStart(unwrap(unpercent(text)), LEADING);
  return dropEnd(unquote(link), TRAILING);
}
