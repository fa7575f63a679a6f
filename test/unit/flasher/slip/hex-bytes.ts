/**
 * Test helper: golden vectors are written as hex text ("C0 00 08 24 ..."), with "55x32" for a
 * run of 32 bytes of 0x55, so they read like the fact sheet.
 */
export function hexBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const token of text.trim().split(/\s+/)) {
    if (token.length === 0) continue;
    const [byteText = '', countText] = token.split('x');
    if (!/^[0-9a-fA-F]{2}$/.test(byteText)) throw new Error(`bad hex token ${token}`);
    const count = countText === undefined ? 1 : Number(countText);
    for (let index = 0; index < count; index++) out.push(Number.parseInt(byteText, 16));
  }
  return Uint8Array.from(out);
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
