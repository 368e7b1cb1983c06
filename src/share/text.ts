/**
 * Bytes of a scenario file (picked, dropped, or read by the CLIs) as text, decoded as a browser
 * decodes a document: a byte-order mark says UTF-8, UTF-16LE or UTF-16BE (and is dropped). Without
 * one, text that starts with an ASCII character followed (or preceded) by a zero byte is UTF-16
 * (a scenario or a link always starts with ASCII: RFC 4627's detection); anything else is UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes.length % 2 === 0) {
    if (bytes[0] !== 0 && bytes[0]! < 0x80 && bytes[1] === 0)
      return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[1]! < 0x80)
      return new TextDecoder('utf-16be').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
