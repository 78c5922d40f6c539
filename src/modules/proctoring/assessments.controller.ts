import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { AssessmentsService } from './assessments.service.js';
import { AssessmentDetailDto, AssessmentSummaryDto, CreateAssessmentDto, InstructionsDto, ListAssessmentsQueryDto } from './dto/assessment.dto.js';

@ApiTags('Proctoring: assessments')
@Controller('proctoring')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get('instructions')
  @Authenticated()
  @ApiOperation({ summary: 'Steps, rules and system requirements of a proctored assessment, with the published assessments' })
  @ApiEnvelope(InstructionsDto)
  instructions(): Promise<InstructionsDto> {
    return this.assessments.instructions();
  }

  @Post('assessments')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Author an assessment with its sections, questions, correct answers and weights' })
  @ApiEnvelope(AssessmentDetailDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  create(@Body() dto: CreateAssessmentDto, @CurrentUser() user: AuthUser): Promise<AssessmentDetailDto> {
    return this.assessments.create(dto, user);
  }

  @Get('assessments')
  @Authenticated()
  @ApiOperation({ summary: 'List assessments (candidates see published ones; no questions)' })
  @ApiEnvelope(AssessmentSummaryDto, { paginated: true })
  list(@Query() query: ListAssessmentsQueryDto, @CurrentUser() user: AuthUser) {
    return this.assessments.list(query, user);
  }

  @Get('assessments/:id')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'An assessment with its questions and correct answers (admins only)' })
  @ApiEnvelope(AssessmentDetailDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  detail(@Param('id', ParseUUIDPipe) id: string): Promise<AssessmentDetailDto> {
    return this.assessments.detail(id);
  }
}
