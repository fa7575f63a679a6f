import { OPTION_COM_PORT, encodeSubnegotiation } from './telnet-codec';

/**
 * RFC 2217 COM-PORT-OPTION (Telnet option 44) commands. The client sends command N, the access
 * server answers with N + 100 carrying the value now in effect.
 */

export const SIGNATURE = 0;
export const SET_BAUDRATE = 1;
export const SET_DATASIZE = 2;
export const SET_PARITY = 3;
export const SET_STOPSIZE = 4;
export const SET_CONTROL = 5;
export const NOTIFY_LINESTATE = 6;
export const NOTIFY_MODEMSTATE = 7;
export const FLOWCONTROL_SUSPEND = 8;
export const FLOWCONTROL_RESUME = 9;
export const SET_LINESTATE_MASK = 10;
export const SET_MODEMSTATE_MASK = 11;
export const PURGE_DATA = 12;

/** Server answers are the client command plus this. */
export const SERVER_OFFSET = 100;

export const DATASIZE_8 = 8;
export const PARITY_NONE = 1;
export const STOPSIZE_1 = 1;

export const CONTROL_FLOW_REQUEST = 0;
export const CONTROL_FLOW_NONE = 1;
export const CONTROL_DTR_REQUEST = 7;
export const CONTROL_DTR_ON = 8;
export const CONTROL_DTR_OFF = 9;
export const CONTROL_RTS_REQUEST = 10;
export const CONTROL_RTS_ON = 11;
export const CONTROL_RTS_OFF = 12;

/** PURGE-DATA 1: the access server's receive buffer (bytes from the serial side not yet sent on). */
export const PURGE_RECEIVE = 1;
export const PURGE_TRANSMIT = 2;
export const PURGE_BOTH = 3;

export function comPortCommand(command: number, value: Uint8Array): Uint8Array {
  return encodeSubnegotiation(OPTION_COM_PORT, Uint8Array.of(command, ...value));
}

/** Baud rates travel as 4 bytes, network order; 0 asks for the current rate. */
export function encodeBaudRate(baudRate: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, baudRate, false);
  return bytes;
}

export function decodeBaudRate(value: Uint8Array): number | undefined {
  if (value.length < 4) return undefined;
  return new DataView(value.buffer, value.byteOffset, 4).getUint32(0, false);
}

export interface ComPortMessage {
  readonly command: number;
  readonly value: Uint8Array;
}

/** Splits a COM-PORT-OPTION subnegotiation payload; undefined when empty. */
export function parseComPortPayload(payload: Uint8Array): ComPortMessage | undefined {
  if (payload.length === 0) return undefined;
  return { command: payload[0]!, value: payload.subarray(1) };
}

export const COMMAND_NAMES: Readonly<Record<number, string>> = {
  [SIGNATURE]: 'SIGNATURE',
  [SET_BAUDRATE]: 'SET-BAUDRATE',
  [SET_DATASIZE]: 'SET-DATASIZE',
  [SET_PARITY]: 'SET-PARITY',
  [SET_STOPSIZE]: 'SET-STOPSIZE',
  [SET_CONTROL]: 'SET-CONTROL',
  [PURGE_DATA]: 'PURGE-DATA',
};
