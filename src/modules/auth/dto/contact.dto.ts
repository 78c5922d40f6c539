import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { E164_PATTERN, toEmail, toPhone } from '../../users/index.js';
import { OneOf } from './one-of.validator.js';

const CONTACT = ['email', 'phone'] as const;

/** Either an email address or an E.164 phone number, never both. */
export class ContactDto {
  @ApiPropertyOptional({ example: 'ann@example.com', description: 'Send email or phone, not both' })
  @Transform(toEmail)
  @OneOf(CONTACT)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+919876543210', description: 'E.164; spaces and dashes are ignored' })
  @Transform(toPhone)
  @OneOf(CONTACT)
  @IsString()
  @Matches(E164_PATTERN, { message: 'phone must be an E.164 number such as +919876543210' })
  phone?: string;
}
