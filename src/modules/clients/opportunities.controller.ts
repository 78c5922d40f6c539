import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ClientsService } from './clients.service.js';
import { CreateSlotDto, ListOpportunitiesQueryDto, OpportunityResponseDto, SlotResponseDto, UpdateOpportunityDto } from './dto/opportunity.dto.js';

@ApiTags('Opportunities')
@Controller('opportunities')
export class OpportunitiesController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'Agents: OPEN opportunities with their eligibility; clients: their own; staff: all' })
  @ApiEnvelope(OpportunityResponseDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@CurrentUser() user: AuthUser, @Query() query: ListOpportunitiesQueryDto): Promise<Page<OpportunityResponseDto>> {
    return this.clients.listOpportunities(user, query);
  }

  @Get(':id')
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'One opportunity with its slots (and, for agents, eligibility)' })
  @ApiEnvelope(OpportunityResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityResponseDto> {
    return this.clients.getOpportunity(user, id);
  }

  @Patch(':id')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Edit one of my opportunities (requirements and pay only as a DRAFT)' })
  @ApiEnvelope(OpportunityResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOpportunityDto): Promise<OpportunityResponseDto> {
    return this.clients.updateOpportunity(user, id, dto);
  }

  @Post(':id/publish')
  @Roles('CLIENT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'DRAFT → OPEN (needs at least one slot)' })
  @ApiEnvelope(OpportunityResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityResponseDto> {
    return this.clients.publish(user, id);
  }

  @Post(':id/close')
  @Roles('CLIENT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'OPEN or FILLED → CLOSED' })
  @ApiEnvelope(OpportunityResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  close(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityResponseDto> {
    return this.clients.close(user, id);
  }

  @Post(':id/slots')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Add a schedule slot with its capacity' })
  @ApiEnvelope(SlotResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  addSlot(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSlotDto): Promise<SlotResponseDto> {
    return this.clients.addSlot(user, id, dto);
  }
}
