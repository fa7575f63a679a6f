import type { ChipId } from '../../src-shared/chips';
import type { AfterAction, HeaderOverrides } from '../../src-shared/flash-job';
import type { FlashFileSpec } from '../../src-shared/ipc/files';
import type { BackupJobRequest, ConnectionSpec, EraseJobRequest, FlashJobRequest } from '../../src-shared/ipc/jobs';
import type { ResetMethod } from '../../src-shared/reset/reset-method';

/** What the window's choices mean as contract requests. Plain objects only (IPC clones them). */
export interface ConnectionChoice {
  readonly port: string;
  readonly baudRate: number;
  /** Expected chip; undefined lets the services detect it. */
  readonly chip?: ChipId;
  readonly resetMethod: ResetMethod;
  readonly noStub: boolean;
}

export interface FlashChoice extends ConnectionChoice {
  readonly files: readonly FlashFileSpec[];
  readonly eraseAll: boolean;
  readonly header?: HeaderOverrides;
  readonly resetAfter: boolean;
  readonly diff: boolean;
  readonly force: boolean;
}

export function afterAction(resetAfter: boolean): AfterAction {
  return resetAfter ? 'hard-reset' : 'no-reset';
}

export function connectionSpec(choice: ConnectionChoice): ConnectionSpec {
  return {
    port: choice.port,
    baudRate: choice.baudRate,
    ...(choice.chip === undefined ? {} : { chip: choice.chip }),
    resetMethod: choice.resetMethod,
    ...(choice.noStub ? { noStub: true } : {}),
  };
}

export function flashRequest(choice: FlashChoice): FlashJobRequest {
  return {
    ...connectionSpec(choice),
    files: choice.files.map((file) => ({ offset: file.offset, source: file.source })),
    after: afterAction(choice.resetAfter),
    ...(choice.eraseAll ? { eraseAll: true } : {}),
    ...(choice.header === undefined ? {} : { header: { ...choice.header } }),
    ...(choice.diff ? { diff: true } : {}),
    ...(choice.force ? { force: true } : {}),
    // The boot check listens after a hard reset; without a reset there is nothing to hear.
    checkBoot: choice.resetAfter,
  };
}

export function eraseRequest(choice: ConnectionChoice, resetAfter: boolean): EraseJobRequest {
  return { ...connectionSpec(choice), after: afterAction(resetAfter) };
}

/** The whole flash, from 0 to its end (the services know the size). */
export function backupRequest(choice: ConnectionChoice, resetAfter: boolean): BackupJobRequest {
  return { ...connectionSpec(choice), offset: 0, after: afterAction(resetAfter) };
}
