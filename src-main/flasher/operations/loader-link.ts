import type { Clock } from '../../common/clock';
import type { Transport } from '../../serial/transport';
import type { FrameReader } from '../connection/frame-reader';
import type { CommandClient } from '../protocol/command-client';
import type { ChipDefinition } from '../targets/chip-definition';
import type { RegisterAccess } from '../chip/register-access';

/** What every operation needs to talk to a connected chip. */
export interface LoaderLink {
  readonly transport: Transport;
  readonly reader: FrameReader;
  readonly client: CommandClient;
  readonly registers: RegisterAccess;
  readonly clock: Clock;
  readonly definition: ChipDefinition;
  /** The flasher stub is running (false: talking to the ROM loader). */
  readonly stub: boolean;
  readonly signal?: AbortSignal;
}
