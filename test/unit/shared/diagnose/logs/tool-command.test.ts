import { describe, expect, it } from 'vitest';
import { parseToolCommand } from '../../../../../src-shared/diagnose/logs/tool-command';

const line = (text: string) => ({ index: 0, text });

describe('parseToolCommand', () => {
  it('reads an Arduino ESP32 upload line with quoted paths and the write pairs', () => {
    const command = parseToolCommand(
      line(
        '"C:\\tools\\esptool.exe" --chip esp32s3 --port "COM5" --baud 921600  --before default_reset --after hard_reset write_flash  -z --flash_mode dio --flash_freq 80m --flash_size 4MB 0x0 "C:\\b\\s.ino.bootloader.bin" 0x8000 "C:\\b\\s.ino.partitions.bin" 0x10000 "C:\\b\\s.ino.bin"',
      ),
    );
    expect(command).toMatchObject({ style: 'esptool', chip: 'esp32s3', port: 'COM5', baudRate: 921600, before: 'default_reset', after: 'hard_reset', flashMode: 'dio', flashSize: '4MB', flashFrequency: '80m' });
    expect(command?.writes).toEqual([
      { offset: 0x0, file: 'C:\\b\\s.ino.bootloader.bin' },
      { offset: 0x8000, file: 'C:\\b\\s.ino.partitions.bin' },
      { offset: 0x10000, file: 'C:\\b\\s.ino.bin' },
    ]);
  });

  it('reads idf.py style options with = and short names', () => {
    const command = parseToolCommand(line('esptool.py --chip esp32 -p /dev/ttyUSB0 -b 460800 --before=default_reset --after=no_reset write_flash -fm qio 0x1000 bootloader.bin'));
    expect(command).toMatchObject({ chip: 'esp32', port: '/dev/ttyUSB0', baudRate: 460800, before: 'default_reset', after: 'no_reset', flashMode: 'qio' });
    expect(command?.writes).toEqual([{ offset: 0x1000, file: 'bootloader.bin' }]);
  });

  it('reads esptool-ck options: board (its reset method), baud, port, address and file', () => {
    const command = parseToolCommand(line('/home/a/esptool -vv -cd nodemcu -cb 921600 -cp /dev/ttyUSB0 -ca 0x00000 -cf /tmp/build/Blink.ino.bin'));
    expect(command).toMatchObject({ style: 'esptool-ck', ckBoard: 'nodemcu', baudRate: 921600, port: '/dev/ttyUSB0' });
    expect(command?.writes).toEqual([{ offset: 0, file: '/tmp/build/Blink.ino.bin' }]);
  });

  it('keeps the first value when the ESP8266 upload.py repeats options per step', () => {
    const command = parseToolCommand(line('python3 -I upload.py --chip esp8266 --port "/dev/ttyUSB0" --baud "115200" erase_region 0x3fc000 0x4000 --end --chip esp8266 --port "/dev/ttyUSB1" --baud "921600" write_flash 0x0 "a.bin" --end'));
    expect(command).toMatchObject({ chip: 'esp8266', port: '/dev/ttyUSB0', baudRate: 115200 });
    expect(command?.writes).toEqual([{ offset: 0, file: 'a.bin' }]);
  });

  it('ignores lines that are not an uploader command', () => {
    expect(parseToolCommand(line('esptool.py v4.7.0'))).toBeUndefined();
    expect(parseToolCommand(line('Serial port /dev/ttyUSB0'))).toBeUndefined();
  });
});
