/**
 * The one application error. `code` is `type:surface`-free and closed; the
 * HTTP status for each lives in `httpStatusByCode`.
 */
export const errorCodes = [
  "bad_request",
  "validation",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "provider_unavailable",
  "rate_limited",
  "upstream",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const httpStatusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  provider_unavailable: 422,
  rate_limited: 429,
  upstream: 502,
  internal: 500,
};

/** Where a validation problem is: a field path and, for runbooks, a line. */
export interface Issue {
  message: string;
  path?: string;
  line?: number;
  column?: number;
  severity?: "error" | "warning";
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return httpStatusByCode[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * True for PostgreSQL's "invalid byte sequence" (22021): text with a NUL or
 * broken UTF-8 in a lookup. Such an id or path cannot name anything.
 */
export function isInvalidTextError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const record = e as Record<string, unknown>;
    if (record.code === "22021" || record.originalCode === "22021") return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    e = meta?.driverAdapterError ?? record.cause;
  }

  return false;
}
