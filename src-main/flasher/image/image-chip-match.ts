import { CHIPS } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { chipLabel } from './describe-single-file';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import type { EspImage } from '../../../src-shared/firmware/image-types';

/**
 * Whether an image was built for the selected chip: ESP32-family images by the chip id in the
 * extended header, ESP8266 images by family.
 */

/** The description and every part of it that carries an image, with a label for messages ("bootloader", 'app in partition "factory"'). */
export function imagesIn(description: FlashFileDescription): { readonly image: EspImage; readonly label?: string; readonly offset: number }[] {
  const label = description.kind === 'app' && description.label !== undefined ? `app in partition "${description.label}"` : description.label;
  const own = description.image ? [{ image: description.image, label, offset: description.offset }] : [];
  return [...own, ...(description.parts ?? []).flatMap(imagesIn)];
}

/** A sentence describing the mismatch, or undefined when the image suits `chip`. */
export function chipMismatch(image: EspImage, chip: ChipId): { builtFor: string; imageChipId?: number } | undefined {
  if (image.format !== 'esp32') return chip === 'esp8266' ? undefined : { builtFor: 'ESP8266' };
  const { chipId } = image.extendedHeader;
  if (CHIPS[chip].imageChipId === chipId) return undefined;
  return { builtFor: chipLabel(image.chip, chipId), imageChipId: chipId };
}

export function wrongChipError(name: string, chip: ChipId, mismatch: { builtFor: string; imageChipId?: number }, partLabel?: string): EspError {
  const what = partLabel === undefined ? name : `The ${partLabel} in ${name}`;
  return new EspError('image.wrong-chip', {
    message: `${what} was built for ${mismatch.builtFor}, but the board is an ${CHIPS[chip].name}.`,
    evidence: {
      name,
      builtFor: mismatch.builtFor,
      boardChip: CHIPS[chip].name,
      ...(mismatch.imageChipId === undefined ? {} : { imageChipId: mismatch.imageChipId }),
      ...(CHIPS[chip].imageChipId === undefined ? {} : { expectedChipId: CHIPS[chip].imageChipId }),
      ...(partLabel === undefined ? {} : { part: partLabel }),
    },
  });
}
