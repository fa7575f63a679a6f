/** How a board is wired for reset, when the user or the board catalogue knows it. */
export const RESET_METHODS = ['auto', 'classic', 'unix-tight', 'usb-jtag-serial', 'ck', 'nodemcu-ck', 'none'] as const;
export type ResetMethod = (typeof RESET_METHODS)[number];

export const RESET_METHOD_LABELS: Readonly<Record<ResetMethod, string>> = {
  auto: 'Automatic (try tight, then classic)',
  classic: 'Classic DTR/RTS (two-transistor)',
  'unix-tight': 'Tight DTR/RTS (both lines at once)',
  'usb-jtag-serial': 'USB-Serial/JTAG (native USB)',
  ck: 'Direct wiring ("ck": RTS to EN, DTR to GPIO0)',
  'nodemcu-ck': 'esptool-ck "nodemcu" timing',
  none: 'No auto-reset (hold BOOT, press EN)',
};
