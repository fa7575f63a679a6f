import { describe, expect, it } from 'vitest';
import { describeStationFilter, matchesStationFilter } from '../../../src-renderer/format/station-filter';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';

describe('station filter', () => {
  it('matches any port when empty, by VID:PID, by path pattern, or by words in path or bridge', () => {
    expect(matchesStationFilter(CP210X_PORT, '  ')).toBe(true);
    expect(matchesStationFilter(CP210X_PORT, '10C4:EA60')).toBe(true);
    expect(matchesStationFilter(SIM_ESP32S3_PORT, '10C4:EA60')).toBe(false);
    expect(matchesStationFilter(CP210X_PORT, '/dev/ttyUSB*')).toBe(true);
    expect(matchesStationFilter(CP210X_PORT, '/dev/ttyACM*')).toBe(false);
    expect(matchesStationFilter(SIM_ESP32S3_PORT, 'usb-serial/jtag')).toBe(true);
    expect(matchesStationFilter(CP210X_PORT, 'cp210')).toBe(true);
    expect(matchesStationFilter(CP210X_PORT, 'ch340')).toBe(false);
  });

  it('describes the filter for the armed badge', () => {
    expect(describeStationFilter('')).toBe('any port');
    expect(describeStationFilter('10c4:ea60')).toBe('USB 10C4:EA60');
    expect(describeStationFilter('/dev/ttyUSB*')).toBe('paths like /dev/ttyUSB*');
  });
});
