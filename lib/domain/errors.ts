/** Base of every error this project raises on purpose; `name` tells them apart across module boundaries. */
export class TriageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TriageError';
  }
}

/** Input that can never succeed, however often it is retried (bad config, bad request, malformed payload). */
export class ValidationError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

/** A message that cannot be read as email. */
export class MalformedMailError extends ValidationError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedMailError';
  }
}

/** A stored object or item that should exist and does not. */
export class NotFoundError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/** A conditional write lost against a concurrent or stale change. */
export class ConflictError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
  }
}

/** The caller acted on a version of the ticket that is no longer current; nothing was changed. */
export class StaleVersionError extends ConflictError {
  constructor(
    readonly ticketId: string,
    readonly currentVersion: number,
    options?: ErrorOptions,
  ) {
    super(`${ticketId} changed meanwhile: it is at version ${currentVersion}; reload it and try again`, options);
    this.name = 'StaleVersionError';
  }
}

/** Input over a size limit (a reply longer than any person writes). */
export class TooLargeError extends ValidationError {
  constructor(message: string) {
    super(message);
    this.name = 'TooLargeError';
  }
}

/** No caller could be established: the token is missing, expired, or not signed by our identity provider. */
export class UnauthenticatedError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnauthenticatedError';
  }
}

/** The caller may not do this (an agent calling a supervisor action). */
export class ForbiddenError extends TriageError {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Configuration that does not validate; the message names the field. */
export class ConfigError extends ValidationError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** The mail provider refused this one message for good (bad address, rejected content): retrying cannot help. */
export class SendRejectedError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SendRejectedError';
  }
}

/**
 * The mail provider may or may not have sent the message: the request went
 * out and no answer came back (timeout, connection reset, a 5xx after it was
 * read). Repeating it blindly could send it twice.
 */
export class SendOutcomeUnknownError extends TriageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SendOutcomeUnknownError';
  }
}

export function assertNever(value: never): never {
  throw new TriageError(`Unexpected value: ${JSON.stringify(value)}`);
}
