import { Body, Controller, Get, HttpStatus, Param, ParseEnumPipe, ParseUUIDPipe, Patch, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { RawResponse } from '../../common/http/envelope.interceptor.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { KycDocumentType } from '../../generated/prisma/enums.js';
import { AgentsService } from './agents.service.js';
import { KycService } from './kyc.service.js';
import { KycDecisionDto, ListAgentsQueryDto, RecordAssessmentDto } from './dto/admin.dto.js';
import { AgentResponseDto, AgentSummaryDto } from './dto/agent-response.dto.js';

/** Staff views of agents: review queue, KYC decisions, manual assessment results. */
@ApiTags('Agents')
@Controller('agents')
export class AgentsAdminController {
  constructor(
    private readonly agents: AgentsService,
    private readonly kyc: KycService,
  ) {}

  @Get()
  @Roles('SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'List agents (filter by KYC status, assessment, CEFR level, name/email)' })
  @ApiEnvelope(AgentSummaryDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListAgentsQueryDto): Promise<Page<AgentSummaryDto>> {
    return this.agents.list(query);
  }

  @Get(':id')
  @Roles('SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'One agent with onboarding state and KYC history' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AgentResponseDto> {
    return this.agents.getForStaff(id);
  }

  @Get(':id/photo')
  @Roles('SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @RawResponse()
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({ summary: "An agent's profile photo" })
  @ApiErrors(HttpStatus.NOT_FOUND)
  photo(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return this.agents.photo(user, id);
  }

  @Get(':id/kyc-documents/:type/file')
  @Roles('SUPER_ADMIN', 'ADMIN')
  @RawResponse()
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'application/pdf')
  @ApiOperation({ summary: "Download an agent's KYC document for review" })
  @ApiErrors(HttpStatus.NOT_FOUND)
  kycFile(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('type', new ParseEnumPipe(KycDocumentType)) type: KycDocumentType,
  ): Promise<StreamableFile> {
    return this.kyc.kycDocumentFile(user, type, id);
  }

  @Patch(':id/kyc')
  @Roles('SUPER_ADMIN', 'ADMIN')
  @ApiOperation({ summary: 'Approve or reject submitted KYC (a reason is required to reject)' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  decideKyc(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: KycDecisionDto): Promise<AgentResponseDto> {
    return this.kyc.decideKyc(user, id, dto);
  }

  @Put(':id/assessment')
  @Roles('SUPER_ADMIN', 'ADMIN')
  @ApiOperation({ summary: 'Record an assessment result by hand (the proctoring module records it automatically)' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  recordAssessment(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordAssessmentDto): Promise<AgentResponseDto> {
    return this.agents.recordAssessment(id, dto);
  }
}
