import { Global, Module } from '@nestjs/common';
import { LocalStorageProvider } from './local-storage.provider.js';
import { StorageProvider } from './storage.provider.js';

@Global()
@Module({ providers: [{ provide: StorageProvider, useClass: LocalStorageProvider }], exports: [StorageProvider] })
export class StorageModule {}
