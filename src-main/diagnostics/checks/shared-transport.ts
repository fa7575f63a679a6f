import type { Transport } from '../../serial/transport';

/**
 * A view of an open transport whose close() only detaches the listeners added through it, so
 * the engine can "open" and "close" the port once per connect attempt while the port itself
 * stays open (no line glitches on reopen; the user may be holding BOOT at that moment).
 */
export function sharedTransportView(transport: Transport): Transport {
  const detach = new Set<() => void>();
  let open = true;
  const track = (stop: () => void): (() => void) => {
    detach.add(stop);
    return () => {
      detach.delete(stop);
      stop();
    };
  };
  return {
    get info() {
      return transport.info;
    },
    get baudRate() {
      return transport.baudRate;
    },
    get lines() {
      return transport.lines;
    },
    get isOpen() {
      return open && transport.isOpen;
    },
    get warnings() {
      return transport.warnings;
    },
    write: (data) => transport.write(data),
    setLines: (lines) => transport.setLines(lines),
    setBaudRate: (baudRate) => transport.setBaudRate(baudRate),
    flushInput: () => transport.flushInput(),
    onData: (listener) => track(transport.onData(listener)),
    onClose: (listener) => track(transport.onClose(listener)),
    close: async () => {
      open = false;
      for (const stop of [...detach]) stop();
      detach.clear();
    },
  };
}
