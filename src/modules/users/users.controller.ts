import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES, STAFF_ROLES } from '../../common/auth/roles.js';
import { RawResponse } from '../../common/http/envelope.interceptor.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { PaginationQueryDto, type Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/manage-users.dto.js';
import { ChangePasswordDto, FcmTokenDto, UpdateChatPreferencesDto, UpdateMeDto } from './dto/update-me.dto.js';
import { ChatPreferencesDto, OnlineUserDto, UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Your own account' })
  @ApiEnvelope(UserDto)
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.getProfile(user.id);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({ summary: 'Change your name, phone or username (role, status and email are not yours to change)' })
  @ApiEnvelope(UserDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.users.updateMe(user, dto);
  }

  @Put('me/avatar')
  @Authenticated()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: AVATAR_MAX_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Upload your avatar (JPEG, PNG or WebP, checked from the bytes; at most 2 MiB)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiEnvelope(UserDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  replaceAvatar(@CurrentUser() user: AuthUser, @UploadedFile() file: UploadedMultipartFile | undefined): Promise<UserDto> {
    return this.users.replaceAvatar(user, file);
  }

  @Patch('me/password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @RateLimit({ max: 10, windowMs: 15 * 60_000 })
  @ApiOperation({ summary: 'Change your password (needs the current one); every refresh token issued before stops working' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changePassword(user, dto);
  }

  @Put('me/fcm-token')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Register this device for push notifications' })
  @ApiNoContentResponse({ description: 'Stored' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  setFcmToken(@CurrentUser() user: AuthUser, @Body() dto: FcmTokenDto): Promise<void> {
    return this.users.setFcmToken(user, dto.token);
  }

  @Delete('me/fcm-token')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop push notifications to your device' })
  @ApiNoContentResponse({ description: 'Removed' })
  clearFcmToken(@CurrentUser() user: AuthUser): Promise<void> {
    return this.users.setFcmToken(user, null);
  }

  @Patch('me/chat-preferences')
  @Authenticated()
  @ApiOperation({ summary: 'How the AI chat answers you: tone, length, custom instructions' })
  @ApiEnvelope(ChatPreferencesDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  updateChatPreferences(@CurrentUser() user: AuthUser, @Body() dto: UpdateChatPreferencesDto): Promise<ChatPreferencesDto> {
    return this.users.updateChatPreferences(user, dto);
  }

  @Get('online')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Users connected right now (the `users:online` event reports changes)' })
  @ApiEnvelope(OnlineUserDto, { paginated: true })
  listOnline(@Query() query: PaginationQueryDto): Promise<Page<OnlineUserDto>> {
    return this.users.listOnline(query);
  }

  @Get()
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'List users (filters: role, status, search)' })
  @ApiEnvelope(UserDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Post()
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Create a user (SUPER_ADMIN: any role; ADMIN: SUPPORT_AGENT and below)' })
  @ApiEnvelope(UserDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(user, dto);
  }

  @Get(':id/avatar')
  @Authenticated()
  @RawResponse()
  @ApiOperation({ summary: "A user's avatar image" })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The image bytes', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async avatar(@Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const { stream, contentType } = await this.users.openAvatar(id);
    return new StreamableFile(stream, { type: contentType });
  }

  @Get(':id')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'One user' })
  @ApiEnvelope(UserDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  findOne(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserDto> {
    return this.users.getProfile(id);
  }

  @Patch(':id')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "Change a user's name, role or status (only roles you outrank; never your own)" })
  @ApiEnvelope(UserDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  update(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(user, id, dto);
  }

  @Delete(':id')
  @Roles(...ADMIN_ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a user (soft: the account stops working at once; the last SUPER_ADMIN stays)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  remove(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.remove(user, id);
  }
}
