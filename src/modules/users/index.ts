/** What other modules may use of the users module; everything else in this folder is internal. */
export { type Contact, E164_PATTERN, contactOf, normalizeEmail, normalizePhone, toEmail, toPhone } from './contact.js';
export { USER_PROFILE, UserDto } from './dto/user.dto.js';
export { PasswordHasher } from './password-hasher.js';
export { assertStrongPassword } from './password-policy.js';
export { type LockoutPolicy, type LoginIdentifier, UserCredentials } from './user-credentials.service.js';
export { UsersModule } from './users.module.js';
export { UsersService } from './users.service.js';
