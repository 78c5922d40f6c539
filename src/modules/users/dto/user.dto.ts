import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChatResponseLength, ChatTone, UserRole, UserStatus } from '../../../generated/prisma/enums.js';
import type { User } from '../../../generated/prisma/client.js';

export class ChatPreferencesDto {
  @ApiProperty({ enum: ['formal', 'casual'] }) tone: 'formal' | 'casual';
  @ApiProperty({ enum: ['detailed', 'concise'] }) responseLength: 'detailed' | 'concise';
  @ApiProperty({ example: 'Answer in short bullet points', nullable: true, type: String }) customInstructions: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ann@example.com', nullable: true, type: String }) email: string | null;
  @ApiProperty({ example: '+919876543210', nullable: true, type: String }) phone: string | null;
  @ApiProperty({ example: 'ann', nullable: true, type: String }) username: string | null;
  @ApiProperty({ example: 'Ann Smith' }) name: string;
  @ApiProperty({ enum: UserRole }) role: UserRole;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() phoneVerified: boolean;
  @ApiProperty({ example: '/api/v1/users/0b5c.../avatar', nullable: true, type: String, description: 'Where the avatar is served (signed-in users only)' })
  avatarUrl: string | null;
  @ApiProperty() isOnline: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSeenAt: string | null;
  @ApiProperty({ type: ChatPreferencesDto }) chatPreferences: ChatPreferencesDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OnlineUserDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UserRole }) role: UserRole;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSeenAt: string | null;
}

/** The columns a UserDto is built from; hashes, tokens and counters are never selected. */
export const USER_PROFILE = {
  id: true,
  email: true,
  phone: true,
  username: true,
  name: true,
  role: true,
  status: true,
  emailVerifiedAt: true,
  phoneVerifiedAt: true,
  avatarKey: true,
  isOnline: true,
  lastSeenAt: true,
  chatTone: true,
  chatResponseLength: true,
  chatCustomInstructions: true,
  createdAt: true,
} as const;

export type UserProfileRow = Pick<User, keyof typeof USER_PROFILE>;

export const avatarUrl = (userId: string) => `/api/v1/users/${userId}/avatar`;

export function toChatPreferencesDto(row: Pick<User, 'chatTone' | 'chatResponseLength' | 'chatCustomInstructions'>): ChatPreferencesDto {
  return {
    tone: row.chatTone === ChatTone.CASUAL ? 'casual' : 'formal',
    responseLength: row.chatResponseLength === ChatResponseLength.CONCISE ? 'concise' : 'detailed',
    customInstructions: row.chatCustomInstructions,
  };
}

export function toUserDto(row: UserProfileRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    username: row.username,
    name: row.name,
    role: row.role,
    status: row.status,
    emailVerified: row.emailVerifiedAt !== null,
    phoneVerified: row.phoneVerifiedAt !== null,
    avatarUrl: row.avatarKey ? avatarUrl(row.id) : null,
    isOnline: row.isOnline,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    chatPreferences: toChatPreferencesDto(row),
    createdAt: row.createdAt.toISOString(),
  };
}
