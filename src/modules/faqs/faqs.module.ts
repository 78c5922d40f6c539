import { Module } from '@nestjs/common';
import { FaqsController } from './faqs.controller.js';
import { FaqsRepository } from './faqs.repository.js';
import { FaqsService } from './faqs.service.js';

@Module({ controllers: [FaqsController], providers: [FaqsService, FaqsRepository], exports: [FaqsService] })
export class FaqsModule {}
