import type { RequestHandlers, ShellKind } from '../../src-shared/ipc/channels';

/** app:get-info — what the window shows in its about line and how it picks files. */
export function createAppHandlers(info: { version: string; shell: ShellKind; nativeDialogs: boolean }): Pick<RequestHandlers, 'app:get-info'> {
  return {
    'app:get-info': async () => ({ version: info.version, shell: info.shell, platform: process.platform, nativeDialogs: info.nativeDialogs }),
  };
}
