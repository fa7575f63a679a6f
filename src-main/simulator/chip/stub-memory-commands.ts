import { parseDataBlock, payloadWords, type CommandRequest } from './command-frame';
import { STUB_START_DELAY_MS } from './rom-memory-commands';
import { outcome, StubCode, type StubContext, type StubOutcome } from './stub-context';

export function stubMemBegin(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 16) return outcome(StubCode.BAD_DATA_LEN);
  const [totalBytes = 0, , , address = 0] = payloadWords(request.data, 4);
  context.memory.begin(totalBytes, address);
  return outcome(StubCode.OK);
}

/** MEM_DATA: stubs do not check its checksum (fact sheet §1.5). */
export function stubMemData(request: CommandRequest, context: StubContext): StubOutcome {
  const block = parseDataBlock(request.data);
  if (!block) return outcome(StubCode.NOT_ENOUGH_DATA);
  if (!context.memory.inProgress) return outcome(StubCode.NOT_IN_FLASH_MODE);
  if (block.declaredLength !== block.bytes.length) return outcome(StubCode.TOO_MUCH_DATA);
  const result = context.memory.data(block.bytes);
  return outcome(result === 'ok' ? StubCode.OK : StubCode.TOO_MUCH_DATA);
}

/** MEM_END flag 0: jump to the uploaded code after answering; it is taken to be a (new) stub. */
export function stubMemEnd(request: CommandRequest, context: StubContext): StubOutcome {
  if (request.data.length !== 8) return outcome(StubCode.BAD_DATA_LEN);
  if (!context.memory.inProgress) return outcome(StubCode.NOT_IN_FLASH_MODE);
  context.memory.end();
  const [flag = 0] = payloadWords(request.data, 1);
  if (flag !== 0) return outcome(StubCode.OK);
  const { runtime } = context;
  return {
    code: StubCode.OK,
    postProcess: async () => {
      runtime.after(STUB_START_DELAY_MS, () => runtime.control.startStub());
      return StubCode.OK;
    },
  };
}
