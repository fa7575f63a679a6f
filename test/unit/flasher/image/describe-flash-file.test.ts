import { describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../../src-main/flasher/image/build-merged-image';
import { describeFlashFile } from '../../../../src-main/flasher/image/describe-flash-file';
import { buildSyntheticFirmware } from '../../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { catchEspError } from './catch-esp-error';

const esp32 = buildSyntheticFirmware('esp32', { appName: 'blink', appSizeBytes: 64 * 1024 });
const s3 = buildSyntheticFirmware('esp32s3', { appName: 'sensor', appSizeBytes: 64 * 1024 });

describe('describeFlashFile', () => {
  it('calls an ESP32-family image without app descriptor below 0x8000 a bootloader', () => {
    const description = describeFlashFile(esp32.bootloader.data, 0x1000, 'esp32');
    expect(description).toMatchObject({ kind: 'bootloader', chip: 'esp32', offset: 0x1000, summary: 'ESP32 bootloader' });
    expect(description.image?.format).toBe('esp32');
  });

  it('calls an image with an app descriptor an app and names it', () => {
    const description = describeFlashFile(s3.app.data, 0x10000);
    expect(description).toMatchObject({ kind: 'app', chip: 'esp32s3', summary: 'ESP32-S3 app "sensor" 1.0.0' });
    expect(description.image?.format === 'esp32' && description.image.appDescriptor?.projectName).toBe('sensor');
  });

  it('describes a partition table and plain data', () => {
    expect(describeFlashFile(esp32.partitionTable.data, 0x8000)).toMatchObject({ kind: 'partition-table', summary: 'partition table, 3 partitions' });
    expect(describeFlashFile(Uint8Array.from([1, 2, 3, 4]), 0x300000)).toMatchObject({ kind: 'data', erased: false, sizeBytes: 4 });
    expect(describeFlashFile(new Uint8Array(0x1000).fill(0xff), 0x9000)).toMatchObject({ kind: 'data', erased: true });
  });

  it('describes ESP8266 images, even when another chip is selected', () => {
    const esp8266 = buildSyntheticFirmware('esp8266', { appSizeBytes: 16 * 1024 });
    expect(describeFlashFile(esp8266.image.data, 0, 'esp32')).toMatchObject({ kind: 'esp8266-image', chip: 'esp8266' });
    expect(describeFlashFile(esp8266.irom.data, 0x10000, 'esp8266')).toMatchObject({ kind: 'data' });
  });

  it('recognises a merged ESP32 image and describes its parts at their flash offsets', () => {
    const merged = buildMergedImage(esp32.parts);
    const description = describeFlashFile(merged, 0x0);
    expect(description.kind).toBe('merged');
    expect(description.chip).toBe('esp32');
    expect(description.parts?.map((part) => [part.kind, part.offset, part.label])).toEqual([
      ['bootloader', 0x1000, 'bootloader'],
      ['partition-table', 0x8000, 'partition table'],
      ['app', 0x10000, 'factory'],
    ]);
    expect(description.summary).toBe('merged ESP32 image: bootloader, partition table, app "blink"');
  });

  it('recognises a merged image whose bootloader sits at offset 0 (ESP32-S3) without a chip hint', () => {
    const description = describeFlashFile(buildMergedImage(s3.parts), 0x0);
    expect(description.kind).toBe('merged');
    expect(description.parts?.[0]).toMatchObject({ kind: 'bootloader', offset: 0, chip: 'esp32s3' });
  });

  it('recognises bootloader + app without a table, and a merged file that starts at the bootloader offset', () => {
    const noTable = describeFlashFile(buildMergedImage([esp32.bootloader, esp32.app]), 0);
    expect(noTable.parts?.map((part) => part.kind)).toEqual(['bootloader', 'app']);
    const fromBootloader = describeFlashFile(buildMergedImage(esp32.parts, { baseOffset: 0x1000 }), 0x1000);
    expect(fromBootloader.kind).toBe('merged');
  });

  it('does not call an app written at 0x0 merged, even with 0xE9 at 0x10000', () => {
    const big = buildSyntheticFirmware('esp32s3', { appSizeBytes: 128 * 1024 }).app.data.slice();
    big[0x10000] = 0xe9;
    expect(describeFlashFile(big, 0x0, 'esp32s3').kind).toBe('app');
  });

  it('does not call a lone bootloader merged', () => {
    expect(describeFlashFile(s3.bootloader.data, 0x0).kind).toBe('bootloader');
  });

  it('throws image.empty for an empty file', () => {
    expect(catchEspError(() => describeFlashFile(new Uint8Array(0), 0x10000)).code).toBe('image.empty');
  });
});
