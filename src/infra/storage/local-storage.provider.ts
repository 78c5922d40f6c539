import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { notFound } from '../../common/http/app-error.js';
import { StorageProvider, StoredFile } from './storage.provider.js';

const SAFE_SEGMENT = /^[a-z0-9-]+$/;

@Injectable()
export class LocalStorageProvider extends StorageProvider {
  private readonly root: string;

  /** Only the upload folder is read, so the start-up seed can store files before the app exists. */
  constructor(@Inject(AppConfig) config: Pick<AppConfig, 'uploadDir'>) {
    super();
    this.root = path.resolve(config.uploadDir);
  }

  async save(folder: string, data: Buffer, contentType: string, extension: string): Promise<StoredFile> {
    if (!SAFE_SEGMENT.test(folder) || !/^[a-z0-9]+$/.test(extension)) throw new Error(`Unsafe storage path ${folder}/${extension}`);
    const key = `${folder}/${randomUUID()}.${extension}`;
    await mkdir(path.join(this.root, folder), { recursive: true });
    await writeFile(this.resolve(key), data, { mode: 0o600 });
    return { key, size: data.length, contentType };
  }

  async read(key: string): Promise<Readable> {
    const file = this.resolve(key);
    await stat(file).catch(() => {
      throw notFound('File');
    });
    return createReadStream(file);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.resolve(key))).isFile();
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  private resolve(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) throw notFound('File');
    return file;
  }
}
