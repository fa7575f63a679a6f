import { describe, expect, it } from 'vitest';
import { restoreWindowBounds } from '../../../src-main/app/window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('restoreWindowBounds', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreWindowBounds(undefined, [laptop])).toEqual({ width: 1200, height: 800 });
  });

  it('never opens larger than the screen', () => {
    expect(restoreWindowBounds(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700 });
  });

  it('restores size and place when the title bar is on a screen', () => {
    expect(restoreWindowBounds({ width: 1000, height: 700, x: 100, y: 50 }, [laptop])).toEqual({ width: 1000, height: 700, x: 100, y: 50 });
    expect(restoreWindowBounds({ width: 1600, height: 1000, x: 2000, y: 0 }, [laptop, external])).toEqual({ width: 1600, height: 1000, x: 2000, y: 0 });
  });

  it('pulls a window that hangs over the edge back onto its screen', () => {
    // Title bar 200 px on screen: visible, but the window is moved so all of it fits.
    expect(restoreWindowBounds({ width: 1000, height: 700, x: 1240, y: 300 }, [laptop])).toEqual({ width: 1000, height: 700, x: 440, y: 160 });
  });

  it('centres a window whose screen is gone', () => {
    expect(restoreWindowBounds({ width: 1600, height: 1000, x: 2000, y: 0 }, [laptop])).toEqual({ width: 1440, height: 860 });
    expect(restoreWindowBounds({ width: 900, height: 650, x: 100, y: -300 }, [laptop])).toEqual({ width: 900, height: 650 });
  });

  it('keeps the minimum size', () => {
    expect(restoreWindowBounds({ width: 300, height: 200, x: 10, y: 10 }, [laptop])).toEqual({ width: 800, height: 600, x: 10, y: 10 });
  });

  it('works with no screen information', () => {
    expect(restoreWindowBounds({ width: 1000, height: 700, x: 5, y: 5 }, [])).toEqual({ width: 1000, height: 700 });
  });
});
