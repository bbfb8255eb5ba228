// Issue #12 finding 12: a database that is down, restarting, refusing or too slow is no programming error.
// The PostgreSQL adapter classifies every such failure into one retryable error, UnavailableError, that
// the HTTP layer answers with 503; anything else passes through untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriverException } from '@mikro-orm/core';
import { translateDbError } from '../../adapters/persistence/mikro-orm/db.js';
import { asUnavailable } from '../../adapters/persistence/mikro-orm/db-faults.js';
import { isUnavailable, UnavailableError } from '../../application/shared/unavailable.js';
import { DomainError } from '../../domain/shared/domain-error.js';

/** A server error as `pg` reports it (a DatabaseError: message, SQLSTATE in `code`, `severity`). */
const pgError = (code: string, message = `server error ${code}`, severity = 'ERROR') => Object.assign(new Error(message), { code, severity });
/** A socket error as Node reports it. */
const nodeError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });

/** Connection exceptions (class 08) and the operator-intervention and resource codes of a database that cannot serve. */
const UNAVAILABLE_STATES = ['08000', '08003', '08006', '08001', '08004', '08P01', '57P01', '57P02', '57P03', '53300', '57014', '25P03'];

describe('database faults are classified as unavailability (issue #12)', () => {
  it.each(UNAVAILABLE_STATES)('SQLSTATE %s becomes a retryable UnavailableError', (code) => {
    const error = pgError(code);
    const classified = translateDbError(error);
    expect(isUnavailable(classified)).toBe(true);
    expect(classified).toMatchObject({ code: 'SERVICE.UNAVAILABLE', retryable: true, cause: error });
  });

  it('statement_timeout (57014) and idle_in_transaction_session_timeout (25P03) are timeouts; a shutdown or a refused connection is the database being down', () => {
    expect(asUnavailable(pgError('57014', 'canceling statement due to statement timeout'))?.reason).toBe('timeout');
    expect(asUnavailable(pgError('25P03', 'terminating connection due to idle-in-transaction timeout', 'FATAL'))?.reason).toBe('timeout');
    expect(asUnavailable(pgError('57P01', 'terminating connection due to administrator command', 'FATAL'))?.reason).toBe('database');
    expect(asUnavailable(pgError('53300', 'sorry, too many clients already', 'FATAL'))?.reason).toBe('database');
    expect(asUnavailable(nodeError('ECONNREFUSED'))?.reason).toBe('database');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])(
    'the socket error %s is unavailability',
    (code) => {
      expect(isUnavailable(translateDbError(nodeError(code)))).toBe(true);
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'Cannot use a pool after calling end on the pool',
    'PGlite is closed',
    'PGlite is closing',
  ])('the driver error "%s" is unavailability', (message) => {
    expect(isUnavailable(translateDbError(new Error(message)))).toBe(true);
  });

  it('any FATAL or PANIC server error ends the session: the database cannot serve it (e.g. 55000 "not currently accepting connections")', () => {
    const refused = pgError('55000', 'database "shop" is not currently accepting connections', 'FATAL');
    expect(asUnavailable(refused)?.reason).toBe('database');
    expect(asUnavailable(pgError('XX000', 'the server crashed', 'PANIC'))).toBeDefined();
    // The same SQLSTATE at ERROR severity is an ordinary failure of one statement.
    expect(asUnavailable(pgError('55000', 'currval of sequence is not yet defined'))).toBeUndefined();
  });

  it('a fault MikroORM wrapped in its DriverException, or that sits in `cause` or an AggregateError, is found', () => {
    expect(isUnavailable(translateDbError(new DriverException(pgError('57P01', 'terminating connection', 'FATAL'))))).toBe(true);
    expect(isUnavailable(translateDbError(new Error('query failed', { cause: nodeError('ECONNRESET') })))).toBe(true);
    expect(isUnavailable(translateDbError(new AggregateError([nodeError('ECONNREFUSED'), nodeError('ECONNREFUSED')], 'connect failed')))).toBe(true);
    // Our own error, after MikroORM copied its fields into a DriverException, is still ours.
    const shed = new UnavailableError('overloaded', 'too many requests wait for the database');
    const wrapped = translateDbError(new DriverException(shed));
    expect(wrapped).toMatchObject({ code: 'SERVICE.UNAVAILABLE', reason: 'overloaded' });
    expect(isUnavailable(wrapped)).toBe(true);
  });

  it('business and concurrency errors are untouched: a unique violation, a lock timeout, a DomainError, a plain Error', () => {
    const business = DomainError.invalid('ORDER.EMPTY', 'no lines');
    expect(translateDbError(business)).toBe(business);
    const plain = new Error('a bug');
    expect(translateDbError(plain)).toBe(plain);
    expect(isUnavailable(translateDbError(pgError('55P03', 'lock timeout')))).toBe(false);
    expect(isUnavailable(translateDbError(pgError('23505', 'duplicate key')))).toBe(false);
    expect(translateDbError(undefined)).toBeUndefined();
  });

  it('an UnavailableError is already classified: the same object comes back', () => {
    const e = new UnavailableError('database', 'down');
    expect(translateDbError(e)).toBe(e);
    expect(asUnavailable(e)).toBe(e);
  });

  it('property: an ERROR-severity SQLSTATE is unavailability exactly when it is class 08 or one of the listed codes', () => {
    const sqlState = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFPX'), minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(fc.oneof(sqlState, fc.constantFrom(...UNAVAILABLE_STATES)), (code) => {
        const expected = code.startsWith('08') || UNAVAILABLE_STATES.includes(code);
        expect(asUnavailable(pgError(code)) !== undefined).toBe(expected);
      }),
    );
  });
});
