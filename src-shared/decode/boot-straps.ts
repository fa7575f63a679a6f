import { CHIPS, type ChipId } from '../chips';

/**
 * What the strapping pins were at reset, read back from the boot value a ROM prints
 * (fact sheet §6.1-§6.3). The chip samples these pins when EN rises: the boot pin (GPIO0 on
 * ESP8266/ESP32/S2/S3) high means "run the program in flash", low means "wait for a flasher".
 */

export type BootKind = 'flash' | 'download' | 'sdio' | 'invalid' | 'other';

export interface StrapPin {
  /** "GPIO0", "GPIO15 (MTDO)". */
  readonly pin: string;
  readonly level: 'high' | 'low';
  /** What this pin decides at reset. */
  readonly role: string;
}

export interface StrapReading {
  readonly kind: BootKind;
  /** "flash boot", "UART download mode"... */
  readonly modeWords: string;
  /** The pin that chooses between flash and download, e.g. "GPIO0" or "GPIO9". */
  readonly bootPin: string;
  readonly pins: readonly StrapPin[];
  /** Pin levels that stop a normal boot even though the mode looks right. */
  readonly warnings: readonly string[];
}

function level(value: number, mask: number): 'high' | 'low' {
  return (value & mask) === 0 ? 'low' : 'high';
}

/** ESP8266 "boot mode:(x,y)": x = (GPIO15 << 2) | (GPIO0 << 1) | GPIO2. */
export function esp8266Straps(bootMode: number): StrapReading {
  const pins: StrapPin[] = [
    { pin: 'GPIO15', level: level(bootMode, 0b100), role: 'must be low (pulled down) for flash or UART boot; high selects SDIO' },
    { pin: 'GPIO0', level: level(bootMode, 0b010), role: 'high runs the program in flash, low waits for a flasher' },
    { pin: 'GPIO2', level: level(bootMode, 0b001), role: 'must be high (pulled up) for flash or UART boot' },
  ];
  const warnings: string[] = [];
  if (bootMode >= 4) {
    warnings.push('GPIO15 was high at reset. It needs a pull-down (about 10 kΩ to GND) to boot from flash or UART.');
    return { kind: 'sdio', modeWords: 'SDIO boot (waits for an SDIO host)', bootPin: 'GPIO0', pins, warnings };
  }
  if (bootMode === 1) return { kind: 'download', modeWords: 'UART download mode', bootPin: 'GPIO0', pins, warnings };
  if (bootMode === 3) return { kind: 'flash', modeWords: 'flash boot', bootPin: 'GPIO0', pins, warnings };
  warnings.push('GPIO2 was low at reset. It must be high (pulled up) to boot; check for an LED, sensor or wire pulling GPIO2 to GND.');
  return { kind: 'invalid', modeWords: 'no valid boot mode', bootPin: 'GPIO0', pins, warnings };
}

/** ESP32 (original) GPIO_STRAP bits (fact sheet §6.2). */
const ESP32_STRAP_BITS: readonly { readonly mask: number; readonly pin: string; readonly role: string }[] = [
  { mask: 0x10, pin: 'GPIO0', role: 'high runs the program in flash, low selects download mode' },
  { mask: 0x08, pin: 'GPIO2', role: 'must be low (or floating) for download mode' },
  { mask: 0x20, pin: 'GPIO12 (MTDI)', role: 'flash voltage: low = 3.3 V flash, high = 1.8 V flash' },
  { mask: 0x02, pin: 'GPIO15 (MTDO)', role: 'low silences the ROM boot messages' },
  { mask: 0x01, pin: 'GPIO5', role: 'SDIO timing' },
  { mask: 0x04, pin: 'GPIO4', role: 'SDIO timing' },
];

function esp32FamilyKind(download: boolean, name: string | undefined, value: number, bootMask: number): BootKind {
  if (download) return 'download';
  if (name !== undefined && /FLASH_BOOT/.test(name)) return 'flash';
  if (name === undefined && (value & bootMask) !== 0) return 'flash';
  return 'other';
}

function modeWordsFor(kind: BootKind, name: string | undefined): string {
  switch (kind) {
    case 'flash':
      return 'flash boot';
    case 'download':
      return 'download mode (serial bootloader)';
    default:
      return name === undefined ? 'an unusual boot mode' : `boot mode ${name}`;
  }
}

export function esp32Straps(value: number, download: boolean, name?: string): StrapReading {
  const kind = esp32FamilyKind(download, name, value, 0x10);
  const pins = ESP32_STRAP_BITS.map(({ mask, pin, role }) => ({ pin, level: level(value, mask), role }));
  const warnings: string[] = [];
  if ((value & 0x20) !== 0) {
    warnings.push(
      'GPIO12 (MTDI) was high at reset, which selects 1.8 V flash. Modules with 3.3 V flash then fail to boot or loop; remove what pulls GPIO12 up (or set the flash voltage with espefuse).',
    );
  }
  return { kind, modeWords: modeWordsFor(kind, name), bootPin: 'GPIO0', pins, warnings };
}

/** Newer chips: bit 0x08 is the boot pin and bit 0x04 a second strap (fact sheet §6.3). */
const ESP_ROM_PINS: Readonly<Partial<Record<ChipId, { readonly boot: string; readonly second: string }>>> = {
  esp32s2: { boot: 'GPIO0', second: 'GPIO46' },
  esp32s3: { boot: 'GPIO0', second: 'GPIO46' },
  esp32c2: { boot: 'GPIO9', second: 'GPIO8' },
  esp32c3: { boot: 'GPIO9', second: 'GPIO8' },
  esp32c6: { boot: 'GPIO9', second: 'GPIO8' },
  esp32h2: { boot: 'GPIO9', second: 'GPIO8' },
  esp32c5: { boot: 'GPIO28', second: 'GPIO27' },
  esp32p4: { boot: 'GPIO35', second: 'GPIO36' },
};

export function espRomStraps(value: number, download: boolean, name?: string, chip?: ChipId): StrapReading {
  const known = chip === undefined ? undefined : ESP_ROM_PINS[chip];
  const bootPin = known?.boot ?? 'boot pin';
  const secondPin = known?.second ?? 'second strap pin';
  const secondLowForDownload = chip === 'esp32s2' || chip === 'esp32s3';
  const kind = esp32FamilyKind(download, name, value, 0x08);
  const pins: StrapPin[] = [
    { pin: bootPin, level: level(value, 0x08), role: 'high runs the program in flash, low selects download mode' },
    {
      pin: secondPin,
      level: level(value, 0x04),
      role:
        known === undefined
          ? 'second strap for download mode'
          : `must be ${secondLowForDownload ? 'low or floating' : 'high'} for download mode`,
    },
  ];
  return { kind, modeWords: modeWordsFor(kind, name), bootPin, pins, warnings: [] };
}

/** "esp32s3-20210327" -> esp32s3; "esp8684-api2-20220127" -> esp32c2 (its ROM calls it ESP8684). */
export function chipFromRomId(romId: string): ChipId | undefined {
  const id = romId.trim().toLowerCase();
  if (id.startsWith('esp8684')) return 'esp32c2';
  const match = /^(esp32[a-z]\d)/.exec(id);
  const candidate = match?.[1];
  return candidate !== undefined && candidate in CHIPS ? (candidate as ChipId) : undefined;
}
