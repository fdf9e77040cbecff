/** A refusal or failure of the console's API, with what the UI needs to explain it. */
export class AdminApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's `code` (`invalid-credentials`, `not-found`, …), or `network`, `bad-response`. */
  readonly code: string;
  /** Seconds to wait, from `Retry-After`, on a 429. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'AdminApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
