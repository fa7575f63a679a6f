import type { ReceivedFrame } from './frame-queue';

/** A program answering commands in download mode: the ROM loader or the flasher stub. */
export interface Loader {
  /** Handles one frame completely, including any background flash work it starts. */
  handle(frame: ReceivedFrame): Promise<void>;
  /** A handler threw: answer with a generic failure so the host is not left waiting. */
  internalError(frame: ReceivedFrame): void;
}
