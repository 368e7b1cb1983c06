/**
 * A bounded reader for lz-string's `compressToEncodedURIComponent` format.
 *
 * lz-string's own `decompressFromEncodedURIComponent` has no output limit: LZW output can grow
 * quadratically with its input, so a hostile 200 KB link could expand to gigabytes and freeze the
 * tab before any size check runs. This is the same algorithm (lz-string 1.5.0 `_decompress`, 6 bits
 * per character of the URI-safe alphabet) that stops as soon as the output would exceed `maxChars`,
 * and that rejects characters outside the alphabet instead of reading them as zero bits.
 * Encoding still uses lz-string itself; tests check both agree on every valid payload.
 */

const URI_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

const REVERSE: ReadonlyMap<string, number> = new Map(
  Array.from(URI_SAFE_ALPHABET, (ch, i) => [ch, i] as [string, number]),
);

export type LzDecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'damaged' | 'truncated' | 'too-long' | 'bad-character'; message: string };

/** Decompresses an lz-string URI-safe payload, refusing output longer than `maxChars` UTF-16 units. */
export function decompressUriSafeBounded(input: string, maxChars: number): LzDecodeResult {
  // lz-string turns spaces back into '+' (a '+' that went through form decoding).
  const payload = input.replace(/ /g, '+');
  if (payload.length === 0) return { ok: false, reason: 'truncated', message: 'the payload is empty' };
  const values = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i++) {
    const v = REVERSE.get(payload[i]);
    if (v === undefined) {
      return {
        ok: false,
        reason: 'bad-character',
        message: `character ${JSON.stringify(payload[i])} at position ${i} is not part of the encoding`,
      };
    }
    values[i] = v;
  }

  const length = values.length;
  const resetValue = 32;
  let val = values[0];
  let position = resetValue;
  let index = 1;

  const readBits = (count: number): number => {
    let bits = 0;
    const maxpower = 2 ** count;
    let power = 1;
    while (power !== maxpower) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = resetValue;
        val = index < length ? values[index] : 0;
        index++;
      }
      if (resb > 0) bits |= power;
      power *= 2;
    }
    return bits;
  };

  const truncated: LzDecodeResult = { ok: false, reason: 'truncated', message: 'the payload is cut short' };
  const damaged: LzDecodeResult = {
    ok: false,
    reason: 'damaged',
    message: 'the payload is not valid lz-string data',
  };
  const tooLong: LzDecodeResult = {
    ok: false,
    reason: 'too-long',
    message: `the decoded scenario is larger than ${maxChars} characters`,
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let enlargeIn = 4;
  let numBits = 3;

  let first: string;
  switch (readBits(2)) {
    case 0:
      first = String.fromCharCode(readBits(8));
      break;
    case 1:
      first = String.fromCharCode(readBits(16));
      break;
    case 2:
      return { ok: true, text: '' };
    default:
      return damaged;
  }
  dictionary[3] = first;
  let w = first;
  const result: string[] = [first];
  let total = first.length;
  if (total > maxChars) return tooLong;

  for (;;) {
    if (index > length) return truncated;
    let c = readBits(numBits);
    switch (c) {
      case 0:
        dictionary[dictSize++] = String.fromCharCode(readBits(8));
        c = dictSize - 1;
        enlargeIn--;
        break;
      case 1:
        dictionary[dictSize++] = String.fromCharCode(readBits(16));
        c = dictSize - 1;
        enlargeIn--;
        break;
      case 2:
        return { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (c < dictSize && dictionary[c] !== undefined) {
      entry = dictionary[c];
    } else if (c === dictSize) {
      entry = w + w.charAt(0);
    } else {
      return damaged;
    }
    total += entry.length;
    if (total > maxChars) return tooLong;
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
