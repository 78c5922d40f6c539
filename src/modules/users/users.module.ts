import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { UserCredentials } from './user-credentials.service.js';
import { UserCredentialsRepository } from './user-credentials.repository.js';
import { UserPresence } from './user-presence.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UserEventsListener } from './user-events.listener.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, UserCredentials, UserCredentialsRepository, PasswordHasher, UserPresence, UserEventsListener],
  exports: [UsersService, UserCredentials, PasswordHasher],
})
export class UsersModule {}
