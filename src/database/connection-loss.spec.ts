import { describe, expect, it } from '@jest/globals';
import { isConnectionLoss } from './connection-loss.js';

function pgError(code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLoss', () => {
  it.each([
    [
      'terminated by an administrator',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['server shutting down', pgError('57P02')],
    ['server not yet accepting connections', pgError('57P03')],
    ['connection exception class', pgError('08006')],
    ['socket reset', pgError('ECONNRESET', 'read ECONNRESET')],
    ['server refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['driver message without code', new Error('Connection terminated unexpectedly')],
    ['TypeORM wrapping', Object.assign(new Error('query failed'), { driverError: pgError('57P01') })],
    ['cause chain', new Error('apply failed', { cause: new Error('Connection terminated unexpectedly') })],
  ])('recognises %s', (_name, error) => {
    expect(isConnectionLoss(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601')],
    ['a query cancelled by timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ])('does not take %s for a lost connection', (_name, error) => {
    expect(isConnectionLoss(error)).toBe(false);
  });
});
