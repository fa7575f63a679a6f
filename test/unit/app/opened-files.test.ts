import { describe, expect, it } from 'vitest';
import { createOpenedFilesInbox, firmwarePathsFromArgv } from '../../../src-main/app/opened-files';
import type { EventMap } from '../../../src-shared/ipc/channels';

describe('firmwarePathsFromArgv', () => {
  it('keeps .bin arguments in any case, absolute against the working folder, and skips flags and other files', () => {
    expect(firmwarePathsFromArgv(['--inspect', 'app.BIN', '/opt/fw/boot.bin', 'readme.md', '-x.bin'], '/home/me')).toEqual([
      '/home/me/app.BIN',
      '/opt/fw/boot.bin',
    ]);
    expect(firmwarePathsFromArgv([], '/home/me')).toEqual([]);
  });
});

describe('opened files inbox', () => {
  it('holds paths until the window is ready, then sends them in one message and later ones at once', () => {
    const sent: EventMap['files:open-requested'][] = [];
    const inbox = createOpenedFilesInbox((channel, payload) => {
      if (channel === 'files:open-requested') sent.push(payload as EventMap['files:open-requested']);
    });
    inbox.deliver(['/a.bin']);
    inbox.deliver([]);
    inbox.deliver(['/b.bin']);
    expect(sent).toEqual([]);
    inbox.windowReady();
    expect(sent).toEqual([{ paths: ['/a.bin', '/b.bin'] }]);
    inbox.deliver(['/c.bin']);
    inbox.deliver([]);
    expect(sent).toEqual([{ paths: ['/a.bin', '/b.bin'] }, { paths: ['/c.bin'] }]);
  });
});
