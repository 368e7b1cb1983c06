/** The scenario format (scenario.md): validation, the URL codec and the minimal JSON form. */
export * from './format';
export * from './schema';
export * from './url';
export * from './minimal';
export * from './migrate';
export { decompressUriSafeBounded } from './lz';
export type { LzDecodeResult } from './lz';
export { decodeText } from './text';
