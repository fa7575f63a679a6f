/**
 * How a flash (or any other) job borrows a port a monitor is reading: the monitor lets go
 * (port closed, lines released, state "flashing") and the returned function hands the port
 * back, after which the monitor reopens it without resetting the board.
 */
export interface PortLease {
  borrow(port: string): Promise<() => Promise<void>>;
}
