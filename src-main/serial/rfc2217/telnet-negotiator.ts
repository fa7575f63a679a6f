import { DO, DONT, WILL, WONT, concatBytes, encodeNegotiation } from './telnet-codec';
import type { NegotiationVerb } from './telnet-codec';

/**
 * Telnet option negotiation for one side of a connection (RFC 854 rules, loop-free: a request
 * for the state an option is already in gets no answer). "Local" options are ones this side
 * performs (WILL/WONT), "remote" ones the peer performs (DO/DONT).
 */
export interface NegotiatorOptions {
  /** Offered at start with WILL. */
  readonly offerLocal: readonly number[];
  /** Also accepted when the peer asks with DO (not offered). */
  readonly acceptLocal?: readonly number[];
  /** Requested at start with DO. */
  readonly offerRemote: readonly number[];
  readonly acceptRemote?: readonly number[];
}

export class TelnetNegotiator {
  private readonly acceptLocal: ReadonlySet<number>;
  private readonly acceptRemote: ReadonlySet<number>;
  private readonly localEnabled = new Set<number>();
  private readonly remoteEnabled = new Set<number>();
  private readonly localRefused = new Set<number>();
  private readonly remoteRefused = new Set<number>();
  private readonly sentWill = new Set<number>();
  private readonly sentDo = new Set<number>();
  private readonly options: NegotiatorOptions;

  constructor(options: NegotiatorOptions) {
    this.options = options;
    this.acceptLocal = new Set([...options.offerLocal, ...(options.acceptLocal ?? [])]);
    this.acceptRemote = new Set([...options.offerRemote, ...(options.acceptRemote ?? [])]);
  }

  /** The opening offers: WILL for each local option, DO for each remote one. */
  offers(): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const option of this.options.offerLocal) {
      this.sentWill.add(option);
      parts.push(encodeNegotiation(WILL, option));
    }
    for (const option of this.options.offerRemote) {
      this.sentDo.add(option);
      parts.push(encodeNegotiation(DO, option));
    }
    return concatBytes(parts);
  }

  /** Handles one received negotiation; returns the reply to send, if any. */
  receive(verb: NegotiationVerb, option: number): Uint8Array | undefined {
    switch (verb) {
      case DO:
        if (!this.acceptLocal.has(option)) return this.refuseOnce(this.localRefused, WONT, option);
        if (this.localEnabled.has(option)) return undefined;
        this.localEnabled.add(option);
        if (this.sentWill.has(option)) return undefined;
        this.sentWill.add(option);
        return encodeNegotiation(WILL, option);
      case DONT:
        // Acknowledge turning an enabled option off; a refusal of our offer needs no answer.
        this.localRefused.add(option);
        return this.localEnabled.delete(option) ? encodeNegotiation(WONT, option) : undefined;
      case WILL:
        if (!this.acceptRemote.has(option)) return this.refuseOnce(this.remoteRefused, DONT, option);
        if (this.remoteEnabled.has(option)) return undefined;
        this.remoteEnabled.add(option);
        if (this.sentDo.has(option)) return undefined;
        this.sentDo.add(option);
        return encodeNegotiation(DO, option);
      case WONT:
        this.remoteRefused.add(option);
        return this.remoteEnabled.delete(option) ? encodeNegotiation(DONT, option) : undefined;
    }
    return undefined;
  }

  isLocalEnabled(option: number): boolean {
    return this.localEnabled.has(option);
  }

  isLocalRefused(option: number): boolean {
    return this.localRefused.has(option) && !this.localEnabled.has(option);
  }

  isRemoteEnabled(option: number): boolean {
    return this.remoteEnabled.has(option);
  }

  private refuseOnce(refused: Set<number>, verb: NegotiationVerb, option: number): Uint8Array | undefined {
    if (refused.has(option)) return undefined;
    refused.add(option);
    return encodeNegotiation(verb, option);
  }
}
