// Errors that cross message boundaries as { code, message } (Error objects do not survive
// structured cloning in every browser).
import type { ErrorInfo } from '../protocol/run';

export class QlarityError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QlarityError';
  }
}

/** Anything thrown, as something a person can read and code can branch on. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof QlarityError) return { code: error.code, message: error.message };
  if (isAbort(error)) return { code: 'cancelled', message: 'The analysis was cancelled.' };
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  if (error instanceof Error) return { code: 'internal', message: error.message || error.name };
  return { code: 'internal', message: String(error) };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** What was thrown, as one line a person can read. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
