/**
 * The chip's memory-mapped registers as READ_REG / WRITE_REG see them: eFuses, the detection
 * magic word, UART_CLKDIV, and the SPI flash peripheral registers that esptool drives to read
 * the flash JEDEC id. Implemented from the same ChipDefinition the flasher uses.
 */
export interface RegisterSpace {
  read(address: number): number;
  /** `mask` and `delayUs` as in WRITE_REG; a full mask writes `value` as is. */
  write(address: number, value: number, mask?: number): void;
  /** The UART baud the chip runs at changed (UART_CLKDIV follows it). */
  setUartBaudRate(baudRate: number): void;
}
