/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), and the ESP8266 SDK variant stored at
 * the end of "v2" images (fact sheet 7.3): if bit 31 of the CRC is set store crc ^ 0xFFFFFFFF,
 * otherwise crc + 1.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ 0xedb88320 : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function esp8266SdkCrc32(data: Uint8Array): number {
  const crc = crc32(data);
  return (crc & 0x80000000 ? crc ^ 0xffffffff : crc + 1) >>> 0;
}
