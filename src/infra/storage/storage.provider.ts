import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  size: number;
  contentType: string;
}

/**
 * Where uploaded files live. Keys are opaque; files are never served publicly, only streamed back by
 * routes that check access first. The local-disk implementation is the default; an S3-compatible one
 * can implement the same interface.
 */
export abstract class StorageProvider {
  abstract save(folder: string, data: Buffer, contentType: string, extension: string): Promise<StoredFile>;
  abstract read(key: string): Promise<Readable>;
  /** Whether a file is stored under `key`. */
  abstract exists(key: string): Promise<boolean>;
  abstract remove(key: string): Promise<void>;
}
