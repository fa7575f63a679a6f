import { payloadWords, type CommandRequest } from './command-frame';
import { applyWriteRegGroups, parseWriteRegGroups, readRegisterAddress } from './register-commands';
import { SYNC_RESPONSE_COUNT } from './response-writer';
import { buildSecurityInfo } from './security-info';
import { outcome, StubCode, type StubContext, type StubOutcome } from './stub-context';
import { SYNC_PAYLOAD } from './sync-payload';

/** SYNC: eight answers with value 0 (how esptool tells a running stub); the payload is not checked. */
export function stubSync(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== SYNC_PAYLOAD.length) return outcome(StubCode.BAD_DATA_LEN);
  for (let count = 1; count < SYNC_RESPONSE_COUNT; count++) context.sendOk(request.op);
  return outcome(StubCode.OK);
}

export function stubReadReg(request: CommandRequest, context: StubContext): StubOutcome {
  const address = readRegisterAddress(request.data);
  if (address === undefined) return outcome(StubCode.BAD_DATA_LEN);
  return { code: StubCode.OK, value: context.runtime.registers.read(address) >>> 0 };
}

export async function stubWriteReg(request: CommandRequest, context: StubContext): Promise<StubOutcome> {
  const groups = parseWriteRegGroups(request.data);
  if (!groups) return outcome(StubCode.NOT_ENOUGH_DATA);
  await applyWriteRegGroups(context.runtime, groups);
  return outcome(StubCode.OK);
}

export function stubSpiSetParams(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 24) return outcome(StubCode.BAD_DATA_LEN);
  const [, totalSizeBytes = 0] = payloadWords(request.data, 2);
  context.flash.configuredSizeBytes = totalSizeBytes;
  return outcome(StubCode.OK);
}

/** SPI_ATTACH: 4 bytes on stubs (the ROM's extra word would be C0). */
export function stubSpiAttach(request: CommandRequest): StubOutcome {
  return outcome(request.data.length === 4 ? StubCode.OK : StubCode.BAD_DATA_LEN);
}

/** CHANGE_BAUDRATE: the new stub uses only `new_baud`; it switches after the answer is out. */
export function stubChangeBaudRate(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 8) return outcome(StubCode.BAD_DATA_LEN);
  const [baudRate = 0] = payloadWords(request.data, 1);
  const { runtime } = context;
  return {
    code: StubCode.OK,
    postProcess: async () => {
      if (baudRate > 0) runtime.afterTransmit(() => runtime.control.setUartBaudRate(baudRate));
      return StubCode.OK;
    },
  };
}

/** GET_SECURITY_INFO where the chip has it (S2 and later), else "not implemented" (FF 00). */
export function stubGetSecurityInfo(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 0) return outcome(StubCode.BAD_DATA_LEN);
  const { runtime } = context;
  const info = buildSecurityInfo(runtime.definition, runtime.secureDownloadMode);
  return info ? { code: StubCode.OK, payload: info } : outcome(StubCode.NOT_IMPLEMENTED);
}

/** RUN_USER_CODE: no answer; the chip leaves the loader for the app in flash. */
export function stubRunUserCode(_request: CommandRequest, context: StubContext): StubOutcome {
  const { runtime } = context;
  runtime.afterTransmit(() => runtime.control.leaveLoader('run-user-code'));
  return { code: StubCode.OK, silent: true };
}
