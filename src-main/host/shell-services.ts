import type { EventPublisher, ShellKind } from '../../src-shared/ipc/channels';
import type { NativeDialogs, Services } from '../services/service-types';

/**
 * What a shell hands the services factory, and the factory's shape. createDefaultServices in
 * src-main/services fits it; tests pass a fake. A factory may build its services synchronously or
 * asynchronously.
 */
export interface ShellServiceOptions {
  readonly shell: ShellKind;
  readonly publish: EventPublisher;
  readonly dialogs?: NativeDialogs;
}

export type ServicesFactory = (options: ShellServiceOptions) => Services | Promise<Services>;
