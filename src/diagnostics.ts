/**
 * Errors and warnings shared by every stage. A UserError is a mistake in the input (a flag, a chart
 * file) that the user can fix: the CLI prints its one-line message and exits 1. Anything else that
 * escapes is a bug and is printed with its stack.
 */

/**
 * Marks user errors. The published package holds this module twice (the CLI bundle and the generation
 * bundle, see scripts/bundle.mjs), so the CLI recognises an error from the other copy by this mark,
 * not by its class.
 */
const USER_ERROR = Symbol.for('create-helm-operator.user-error');

export class UserError extends Error {
  readonly [USER_ERROR] = true;
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number;
  /** Optional hint naming the flag or action that fixes the problem. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** The user cancelled at a prompt (Ctrl-C): exit 130, no stack. */
export class CancelledError extends UserError {
  constructor() {
    super('cancelled', { exitCode: 130 });
    this.name = 'CancelledError';
  }
}

/** A problem the analysis could not pin down, with the chart file and line it comes from. */
export interface Warning {
  /** Path of the chart file, relative to the chart root (subchart files as charts/<name>/...). */
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

/** Formats a warning as `file:line: message`. */
export function formatWarning(w: Warning): string {
  if (!w.file) return w.message;
  return w.line === undefined ? `${w.file}: ${w.message}` : `${w.file}:${w.line}: ${w.message}`;
}

/** True for errors the user caused (and the CLI reports without a stack). */
export function isUserError(error: unknown): error is UserError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[USER_ERROR] === true;
}
