import type { FlashMemory } from '../chip/flash-memory';
import { hasFault, type FaultSettings } from './faults';

/**
 * Counts flash bytes programmed since the last trigger, for faults that strike "after N KiB
 * written" (brownout, unplug). The chip core reports erases and programs alike; a changed
 * region that now reads all 0xFF was an erase and does not count.
 */
export class FlashWriteMeter {
  private programmedBytes = 0;

  constructor(private readonly thresholdBytes: () => number) {}

  /** Adds a change; true (and the count starts again) once the threshold is reached. */
  record(flash: FlashMemory, offset: number, lengthBytes: number): boolean {
    if (lengthBytes <= 0 || isErased(flash, offset, lengthBytes)) return false;
    this.programmedBytes += lengthBytes;
    if (this.programmedBytes < this.thresholdBytes()) return false;
    this.programmedBytes = 0;
    return true;
  }

  restart(): void {
    this.programmedBytes = 0;
  }
}

function isErased(flash: FlashMemory, offset: number, lengthBytes: number): boolean {
  const end = Math.min(flash.sizeBytes, offset + lengthBytes);
  if (offset < 0 || offset >= end) return true;
  return flash.read(offset, end - offset).every((byte) => byte === 0xff);
}

export type FlashFaultAction = 'brownout' | 'unplug';

/** The brownout and unplug faults, each with its own meter. */
export class FlashFaultTriggers {
  private readonly brownout: FlashWriteMeter;
  private readonly unplug: FlashWriteMeter;

  constructor(private readonly faults: () => FaultSettings) {
    this.brownout = new FlashWriteMeter(() => faults().brownoutAfterKiB * 1024);
    this.unplug = new FlashWriteMeter(() => faults().unplugAfterKiB * 1024);
  }

  /** Faults that strike after this change, in the order they happen. */
  record(flash: FlashMemory, offset: number, lengthBytes: number): FlashFaultAction[] {
    const actions: FlashFaultAction[] = [];
    const faults = this.faults();
    if (hasFault(faults, 'brownout') && this.brownout.record(flash, offset, lengthBytes)) actions.push('brownout');
    if (hasFault(faults, 'unplug') && this.unplug.record(flash, offset, lengthBytes)) actions.push('unplug');
    return actions;
  }

  restart(): void {
    this.brownout.restart();
    this.unplug.restart();
  }
}
