import { ConfigError } from '../config/environment.js';

const MAX_LENGTH = 600;

/**
 * The one line printed when the server cannot start. It never throws, whatever was thrown or
 * rejected (an Error, a string, undefined, an object whose toString throws).
 */
export function describeStartupFailure(failure: unknown): string {
  try {
    if (failure instanceof ConfigError) return oneLine(failure.message);
    return oneLine(`Start-up failed: ${reasonOf(failure)}`);
  } catch {
    return 'Start-up failed: an error that cannot be printed was thrown';
  }
}

/** Human text for anything thrown; also used for failures after start-up. */
export function reasonOf(failure: unknown): string {
  if (failure === undefined || failure === null) return `the start-up step rejected without a reason (${String(failure)})`;
  if (typeof failure === 'string') return failure || 'an empty error';
  if (typeof failure === 'object' && typeof (failure as { message?: unknown }).message === 'string') {
    const { message, code, name } = failure as { message: string; code?: unknown; name?: unknown };
    if (message) return message;
    return [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? code : undefined].filter(Boolean).join(' ') + ' (no message)';
  }
  try {
    const json = JSON.stringify(failure);
    if (json && json !== '{}') return json;
  } catch {
    // not serialisable: fall through
  }
  return String(failure);
}

function oneLine(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

/** Translates a failed HTTP listen into the setting to change. */
export function listenFailure(error: unknown, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new Error(`Port ${port} on ${host} is already in use by another program: set PORT to a free port (or stop that program)`);
  if (code === 'EACCES') return new Error(`Not allowed to listen on port ${port}: set PORT to a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new Error(`Cannot listen on ${host}: set HOST to an address of this machine (0.0.0.0 for all)`);
  return error instanceof Error ? error : new Error(reasonOf(error));
}
