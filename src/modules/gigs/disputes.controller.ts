import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { DisputesService } from './disputes.service.js';
import { CreateDisputeDto, DisputeResponseDto, ListDisputesQueryDto, ResolveDisputeDto } from './dto/dispute.dto.js';

@ApiTags('Disputes')
@Controller('disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  @Post()
  @Roles('AGENT', 'CLIENT')
  @ApiOperation({ summary: 'Dispute an application, gig, submission or payment I am a party to' })
  @ApiEnvelope(DisputeResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  open(@CurrentUser() user: AuthUser, @Body() dto: CreateDisputeDto): Promise<DisputeResponseDto> {
    return this.disputes.open(user, dto);
  }

  @Get()
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'Disputes I raised or am the other party of; staff: all' })
  @ApiEnvelope(DisputeResponseDto, { paginated: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDisputesQueryDto): Promise<Page<DisputeResponseDto>> {
    return this.disputes.list(user, query);
  }

  @Get(':id')
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'One dispute' })
  @ApiEnvelope(DisputeResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DisputeResponseDto> {
    return this.disputes.get(user, id);
  }

  @Patch(':id')
  @Roles('SUPER_ADMIN', 'ADMIN')
  @ApiOperation({ summary: 'Resolve or dismiss a dispute' })
  @ApiEnvelope(DisputeResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  resolve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveDisputeDto): Promise<DisputeResponseDto> {
    return this.disputes.resolve(user, id, dto);
  }
}
