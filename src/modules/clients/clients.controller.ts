import { Body, Controller, Get, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ClientsService } from './clients.service.js';
import { ClientResponseDto, CreateClientDto, UpdateClientDto } from './dto/client.dto.js';

@ApiTags('Clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Register my organisation (fills the profile signup created)' })
  @ApiEnvelope(ClientResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  register(@CurrentUser() user: AuthUser, @Body() dto: CreateClientDto): Promise<ClientResponseDto> {
    return this.clients.register(user.id, dto);
  }

  @Get('me')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'My organisation profile' })
  @ApiEnvelope(ClientResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  me(@CurrentUser() user: AuthUser): Promise<ClientResponseDto> {
    return this.clients.getMe(user.id);
  }

  @Patch('me')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Update my organisation profile' })
  @ApiEnvelope(ClientResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateClientDto): Promise<ClientResponseDto> {
    return this.clients.updateMe(user.id, dto);
  }
}
