import { codeAddress } from './virtual-app-symbols';

/**
 * What the ESP8266 Arduino core's post-mortem handler prints when loop() -> read_sensor() ->
 * parse_reading() reads through a NULL pointer (exception 28, LoadProhibited): the exception
 * registers, the cause in words, and the "cont" stack between >>>stack>>> and <<<stack<<<,
 * framed by the "CUT HERE" lines decoders look for. Each stack row is
 * "%08x:  %08x %08x %08x %08x  " (four words from the row's address).
 *
 * [INFERRED] The handler's UART writer puts "\r" before every "\n", so lines end in CRLF.
 */

const CRLF = '\r\n';
const CUT_HERE = '--------------- CUT HERE FOR EXCEPTION DECODER ---------------';

/** The stack pointer after the handler's own frame (0x190 bytes) and the top of the cont stack. */
const STACK_POINTER = 0x3ffffe00;
const STACK_END = 0x3fffffc0;
const HANDLER_FRAME_BYTES = 0x190;
/** The cont stack's unused words keep the fill pattern the core writes at start-up. */
const STACK_FILL = 0xfeefeffe;

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

function stackWords(): number[] {
  const at = (name: string, offset: number): number => codeAddress('esp8266', name, offset);
  const count = (STACK_END - STACK_POINTER) / 4;
  const words = Array.from({ length: count }, (_, index) => {
    if (index % 6 === 2) return 0x3ffee500 + index * 4;
    if (index % 9 === 5) return index;
    return 0;
  });
  words[0] = at('parse_reading', 0x14);
  words[9] = at('read_sensor', 0x10);
  words[22] = at('loop', 0x0f);
  words[37] = at('loop_wrapper', 0x2d);
  words.fill(STACK_FILL, count - 4, count - 2);
  words[count - 2] = 0x3ffe85d8;
  words[count - 1] = at('cont_wrapper', 0x15);
  return words;
}

export function esp8266Exception(): string {
  const epc1 = codeAddress('esp8266', 'parse_reading', 0x14);
  const words = stackWords();
  const rows: string[] = [];
  for (let index = 0; index < words.length; index += 4) {
    const row = words.slice(index, index + 4).map(hex8).join(' ');
    rows.push(`${hex8(STACK_POINTER + index * 4)}:  ${row}  `);
  }
  return [
    '',
    CUT_HERE,
    '',
    'Exception (28):',
    `epc1=0x${hex8(epc1)} epc2=0x00000000 epc3=0x00000000 excvaddr=0x00000000 depc=0x00000000`,
    '',
    'LoadProhibited: A load referenced a page mapped with an attribute that does not permit loads',
    '',
    '>>>stack>>>',
    '',
    'ctx: cont',
    `sp: ${hex8(STACK_POINTER)} end: ${hex8(STACK_END)} offset: ${HANDLER_FRAME_BYTES.toString(16).padStart(4, '0')}`,
    ...rows,
    '<<<stack<<<',
    '',
    CUT_HERE,
    '',
  ].join(CRLF);
}
