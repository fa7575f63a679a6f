import { EspError } from '../../src-shared/errors';
import type { VirtualBoardRegistry } from '../simulator/virtual-port';
import { errorText } from './serial-errors';
import { VirtualBindingPort } from './virtual-binding-port';
import type { BindingInterface, BindingOpenOptions, BindingPortInfo, BindingPortInterface } from './binding-types';

/**
 * One node-serialport binding for every serial-like port: virtual board paths go to the
 * simulator's endpoints, everything else to @serialport/bindings-cpp. The native module is
 * loaded lazily, so a missing or broken prebuilt never stops virtual boards from working.
 */

export type NativeBindingLoader = () => Promise<BindingInterface>;

export interface CompositeBindingOptions {
  /** Replaces the bindings-cpp loader (tests, or hosts without native serial). */
  readonly loadNative?: NativeBindingLoader;
}

let nativeBinding: Promise<BindingInterface> | undefined;

/** bindings-cpp's autoDetect(), imported on first use and cached; a failed load is retried. */
export function loadNativeBinding(): Promise<BindingInterface> {
  if (nativeBinding === undefined) {
    const loading = import('@serialport/bindings-cpp').then((module: unknown): BindingInterface => {
      // CommonJS package: Node exposes autoDetect as a named export, some loaders only on default.
      const named = module as { autoDetect?: () => BindingInterface; default?: { autoDetect?: () => BindingInterface } };
      const autoDetect = named.autoDetect ?? named.default?.autoDetect;
      if (typeof autoDetect !== 'function') throw new Error('@serialport/bindings-cpp has no autoDetect()');
      return autoDetect();
    });
    nativeBinding = loading;
    loading.catch(() => {
      if (nativeBinding === loading) nativeBinding = undefined;
    });
  }
  return nativeBinding;
}

export function nativeLoadError(reason: unknown, path?: string): EspError {
  return new EspError('port.open-failed', {
    message: 'The native serial port driver module could not be loaded.',
    hint: 'Reinstall the application (the serialport native module is missing or built for another Node/Electron version). Virtual boards still work.',
    evidence: path === undefined ? { reason: errorText(reason) } : { path, reason: errorText(reason) },
    cause: reason,
  });
}

function virtualOpenOptions(options: BindingOpenOptions): Required<BindingOpenOptions> {
  return {
    path: options.path,
    baudRate: options.baudRate,
    dataBits: options.dataBits ?? 8,
    lock: options.lock ?? true,
    stopBits: options.stopBits ?? 1,
    parity: options.parity ?? 'none',
    rtscts: options.rtscts ?? false,
    xon: options.xon ?? false,
    xoff: options.xoff ?? false,
    xany: options.xany ?? false,
    hupcl: options.hupcl ?? true,
  };
}

function hexId(value: number | undefined): string | undefined {
  return value === undefined ? undefined : value.toString(16).padStart(4, '0');
}

export function createCompositeBinding(
  virtualBoards: VirtualBoardRegistry | undefined,
  options: CompositeBindingOptions = {},
): BindingInterface {
  const loadNative = options.loadNative ?? loadNativeBinding;

  async function native(path?: string): Promise<BindingInterface> {
    try {
      return await loadNative();
    } catch (error) {
      throw error instanceof EspError ? error : nativeLoadError(error, path);
    }
  }

  return {
    async open(openOptions: BindingOpenOptions): Promise<BindingPortInterface> {
      if (virtualBoards?.isVirtualPath(openOptions.path) === true) {
        // Throws EspError port.not-found / port.busy for unknown, unplugged or open boards.
        const endpoint = virtualBoards.open(openOptions.path, openOptions.baudRate);
        const port: BindingPortInterface = new VirtualBindingPort(endpoint, virtualOpenOptions(openOptions));
        return port;
      }
      return (await native(openOptions.path)).open(openOptions);
    },

    /** Virtual boards, then native ports; a failing native list yields virtual boards only. */
    async list(): Promise<BindingPortInfo[]> {
      const virtualPorts: BindingPortInfo[] = (virtualBoards?.list() ?? []).map((board) => ({
        path: board.info.path,
        manufacturer: board.info.manufacturer,
        serialNumber: board.info.serialNumber,
        pnpId: undefined,
        locationId: undefined,
        vendorId: hexId(board.info.usb?.vendorId),
        productId: hexId(board.info.usb?.productId),
      }));
      const nativePorts = await native()
        .then((binding) => binding.list())
        .catch((): BindingPortInfo[] => []);
      return [...virtualPorts, ...nativePorts];
    },
  };
}

const bindingsByRegistry = new WeakMap<VirtualBoardRegistry, BindingInterface>();
let nativeOnlyBinding: BindingInterface | undefined;

/** One composite binding per registry (and one without), so the native module loads once. */
export function compositeBindingFor(virtualBoards: VirtualBoardRegistry | undefined): BindingInterface {
  if (virtualBoards === undefined) {
    nativeOnlyBinding ??= createCompositeBinding(undefined);
    return nativeOnlyBinding;
  }
  let binding = bindingsByRegistry.get(virtualBoards);
  if (binding === undefined) {
    binding = createCompositeBinding(virtualBoards);
    bindingsByRegistry.set(virtualBoards, binding);
  }
  return binding;
}
