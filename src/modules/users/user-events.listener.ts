import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events.js';
import { UsersService } from './users.service.js';

/** Reacts to other modules' events about users. */
@Injectable()
export class UserEventsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    // FCM answered "unregistered": the device uninstalled the app or rotated its token.
    this.events.on('push.token-invalid', ({ userId, token }) => this.users.forgetDeadFcmToken(userId, token));
  }
}
