/** Fixed-width hex for hardware words (the busy word reads as the CPU writes it). */
export function hex32(value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

export function hex(value: number): string {
  return '0x' + value.toString(16);
}
