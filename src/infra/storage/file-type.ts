import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../common/http/app-error.js';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPES = [...IMAGE_TYPES, 'application/pdf'] as const;

/**
 * Decides a file's type from its bytes (magic numbers), never from its name or the declared type, and
 * refuses types outside `allowed` with 415.
 */
export async function detectAllowedType(data: Buffer, allowed: readonly string[]): Promise<{ mime: string; ext: string }> {
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !allowed.includes(detected.mime)) {
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', `The file must be one of: ${allowed.join(', ')}`);
  }
  return { mime: detected.mime, ext: detected.ext };
}
