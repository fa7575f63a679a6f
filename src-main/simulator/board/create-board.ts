import { CHIP_DEFINITIONS } from '../../flasher/targets';
import { createChipCore } from '../chip/create-chip-core';
import { createRegisterModel } from '../chip/register-model';
import type { ChipFactory } from './chip-factory';

/**
 * The real chip for a virtual board: the ROM/stub core over the register model, both built
 * from the same ChipDefinition the flasher uses, personalised with the board's MAC and crystal.
 */
export const realChipFactory: ChipFactory = (context) => {
  const definition = CHIP_DEFINITIONS[context.spec.chip];
  const registers = createRegisterModel({
    definition,
    mac: context.mac,
    flash: context.flash,
    crystalMhz: context.spec.crystalMhz,
  });
  return createChipCore({
    definition,
    flash: context.flash,
    registers,
    scheduler: context.scheduler,
    events: context.events,
    flashTiming: context.flashTiming,
  });
};
