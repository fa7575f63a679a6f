import { describe, expect, it } from 'vitest';
import { createTransportOpener, openTransport } from '../../../src-main/serial/open-transport';
import { FakeVirtualBoardRegistry } from '../../helpers/fake-virtual-endpoint';

describe('openTransport', () => {
  it('opens virtual boards through the registry', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:esp32']);
    const open = createTransportOpener({ virtualBoards: registry });
    const transport = await open('sim:esp32', { baudRate: 115200 });
    expect(transport.info.kind).toBe('virtual');
    expect(registry.last('sim:esp32').lineChanges).toEqual([{ dtr: false, rts: false }]);
    await transport.close();
  });

  it('sends socket:// paths to the TCP transport', async () => {
    await expect(openTransport('socket://nohost', { baudRate: 115200 })).rejects.toMatchObject({
      code: 'input.invalid',
      evidence: { url: 'socket://nohost' },
    });
  });

  it('sends rfc2217:// paths to the RFC 2217 client; refuses empty paths with input.invalid', async () => {
    await expect(openTransport('rfc2217://nohost', { baudRate: 115200 })).rejects.toMatchObject({
      code: 'input.invalid',
      evidence: { url: 'rfc2217://nohost' },
    });
    await expect(openTransport(' ', { baudRate: 115200 })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('treats other paths as native serial ports', async () => {
    await expect(openTransport('/dev/ttyDOESNOTEXIST', { baudRate: 115200 }, { virtualBoards: new FakeVirtualBoardRegistry() })).rejects.toMatchObject({
      code: 'port.not-found',
    });
  });
});
