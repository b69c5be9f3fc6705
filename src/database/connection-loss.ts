// Whether an error means the database went away under a statement (a restart, a failover, a dropped connection),
// as opposed to the statement itself failing. Work interrupted that way may succeed when run again; work that
// failed on its own data will fail again.

/** PostgreSQL SQLSTATE codes of a lost or refused connection: class 08, and the server shutting the session down. */
const LOST_STATES = new Set(['57P01', '57P02', '57P03']);
const LOST_SYSTEM_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
// node-postgres raises these as plain errors, without a code.
const LOST_MESSAGES = [
  /^Connection terminated/i,
  /connection is closed/i,
  /Client has encountered a connection error/i,
];

export function isConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (!(current instanceof Error) && typeof current !== 'object') {
      return false;
    }
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (
      typeof code === 'string' &&
      (code.startsWith('08') || LOST_STATES.has(code) || LOST_SYSTEM_CODES.has(code))
    ) {
      return true;
    }
    if (typeof message === 'string' && LOST_MESSAGES.some((pattern) => pattern.test(message))) {
      return true;
    }
    current = driverError ?? cause;
  }
  return false;
}
