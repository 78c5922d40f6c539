import { Module } from '@nestjs/common';
import { JobRetryRegistry } from './job-retry.registry.js';

/** Imported by the modules whose failed jobs need preparing before they run again. */
@Module({
  providers: [JobRetryRegistry],
  exports: [JobRetryRegistry],
})
export class JobRetryModule {}
