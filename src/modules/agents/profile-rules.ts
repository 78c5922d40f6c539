import { badRequest } from '../../common/http/app-error.js';

/** An uploaded file as the multipart interceptor hands it over (memory storage). */
export interface UploadedBytes {
  buffer?: Buffer;
  size: number;
}

export const PHOTO_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export function requireFile(file: UploadedBytes | undefined): Buffer {
  if (!file?.buffer || file.size === 0) throw badRequest('FILE_REQUIRED', 'Attach the file in the "file" field');
  return file.buffer;
}

export function checkYears(start?: number, end?: number): void {
  if (start !== undefined && end !== undefined && end < start) {
    throw badRequest('VALIDATION_FAILED', 'endYear must not be before startYear', [{ field: 'endYear', message: 'endYear must not be before startYear' }]);
  }
}

export function checkPeriod(start: string, end?: string, now: Date = new Date()): { startDate: Date; endDate?: Date } {
  const startDate = new Date(start);
  const endDate = end ? new Date(end) : undefined;
  if (endDate && endDate < startDate) {
    throw badRequest('VALIDATION_FAILED', 'endDate must not be before startDate', [{ field: 'endDate', message: 'endDate must not be before startDate' }]);
  }
  if (startDate > now) {
    throw badRequest('VALIDATION_FAILED', 'startDate must not be in the future', [{ field: 'startDate', message: 'startDate must not be in the future' }]);
  }
  return { startDate, endDate };
}
