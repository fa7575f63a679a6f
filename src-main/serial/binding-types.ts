/**
 * The node-serialport binding contract (@serialport/bindings-interface 1.2), restated here
 * because that package's `exports` map hides its .d.ts from TypeScript's Bundler resolution.
 * Only the members this project uses or implements; the shapes match the package's.
 */

export interface BindingOpenOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  lock?: boolean;
  stopBits?: 1 | 1.5 | 2;
  parity?: string;
  rtscts?: boolean;
  xon?: boolean;
  xoff?: boolean;
  xany?: boolean;
  /** Drop DTR (and RTS) on close; also asserts DTR on open on Windows. Defaults to true. */
  hupcl?: boolean;
}

export interface BindingSetOptions {
  brk?: boolean;
  cts?: boolean;
  dsr?: boolean;
  dtr?: boolean;
  rts?: boolean;
}

export interface BindingPortStatus {
  cts: boolean;
  dsr: boolean;
  dcd: boolean;
}

export interface BindingPortInterface {
  readonly openOptions: Required<BindingOpenOptions>;
  readonly isOpen: boolean;
  close(): Promise<void>;
  /** Resolves with at least one byte; rejects with `canceled: true` when closed on purpose. */
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: BindingSetOptions): Promise<void>;
  get(): Promise<BindingPortStatus>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

/** What bindings-cpp's list() returns: only `path` is guaranteed; ids are lower-case hex. */
export interface BindingPortInfo {
  path: string;
  manufacturer: string | undefined;
  serialNumber: string | undefined;
  pnpId: string | undefined;
  locationId: string | undefined;
  productId: string | undefined;
  vendorId: string | undefined;
}

export interface BindingInterface {
  list(): Promise<BindingPortInfo[]>;
  open(options: BindingOpenOptions): Promise<BindingPortInterface>;
}
