import type { FieldIssue } from '../contracts/common';

export type DomainErrorKind = 'validation' | 'not_found' | 'forbidden' | 'conflict';

/**
 * The one error type services throw for a client's mistake. The HTTP layer maps the kind to a 4xx;
 * anything else that escapes is a 500 with a generic body.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(message: string, fields: FieldIssue[]): DomainError {
    return new DomainError('validation', message, fields);
  }

  /** Also used for other tenants' records: existence is never disclosed across clinics. */
  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static forbidden(message = 'Your role in this clinic does not allow this action'): DomainError {
    return new DomainError('forbidden', message);
  }

  static conflict(message: string, fields: FieldIssue[] = []): DomainError {
    return new DomainError('conflict', message, fields);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
