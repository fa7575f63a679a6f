import { describe, expect, it } from 'vitest';
import { DO, DONT, IAC, WILL, WONT } from '../../../../src-main/serial/rfc2217/telnet-codec';
import { TelnetNegotiator } from '../../../../src-main/serial/rfc2217/telnet-negotiator';

const bytes = (value: Uint8Array | undefined): number[] | undefined => (value === undefined ? undefined : [...value]);

describe('TelnetNegotiator', () => {
  it('offers WILL for local and DO for remote options', () => {
    const negotiator = new TelnetNegotiator({ offerLocal: [0, 44], offerRemote: [3] });
    expect([...negotiator.offers()]).toEqual([IAC, WILL, 0, IAC, WILL, 44, IAC, DO, 3]);
  });

  it('takes an answer to its own offer without replying (no negotiation loops)', () => {
    const negotiator = new TelnetNegotiator({ offerLocal: [44], offerRemote: [0] });
    negotiator.offers();
    expect(negotiator.receive(DO, 44)).toBeUndefined();
    expect(negotiator.isLocalEnabled(44)).toBe(true);
    expect(negotiator.receive(DO, 44)).toBeUndefined();
    expect(negotiator.receive(WILL, 0)).toBeUndefined();
    expect(negotiator.isRemoteEnabled(0)).toBe(true);
  });

  it('agrees to accepted options it did not offer, once', () => {
    const negotiator = new TelnetNegotiator({ offerLocal: [], acceptLocal: [44], offerRemote: [] });
    expect(bytes(negotiator.receive(DO, 44))).toEqual([IAC, WILL, 44]);
    expect(negotiator.receive(DO, 44)).toBeUndefined();
  });

  it('refuses unknown options once with WONT / DONT', () => {
    const negotiator = new TelnetNegotiator({ offerLocal: [], offerRemote: [] });
    expect(bytes(negotiator.receive(DO, 1))).toEqual([IAC, WONT, 1]);
    expect(negotiator.receive(DO, 1)).toBeUndefined();
    expect(bytes(negotiator.receive(WILL, 24))).toEqual([IAC, DONT, 24]);
  });

  it('records a refused offer and acknowledges turning an enabled option off', () => {
    const negotiator = new TelnetNegotiator({ offerLocal: [44, 0], offerRemote: [] });
    negotiator.offers();
    expect(negotiator.receive(DONT, 44)).toBeUndefined();
    expect(negotiator.isLocalRefused(44)).toBe(true);
    negotiator.receive(DO, 0);
    expect(bytes(negotiator.receive(DONT, 0))).toEqual([IAC, WONT, 0]);
    expect(negotiator.isLocalEnabled(0)).toBe(false);
  });
});
