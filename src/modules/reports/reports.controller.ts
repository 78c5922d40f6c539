import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CreateReportDto, ReportDto, ReportQueryDto, UpdateReportDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('Reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Report an issue with a conversation (report:new to staff)' })
  @ApiEnvelope(ReportDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReportDto) {
    return this.reports.create(user, dto);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'All reports with filters (staff)' })
  @ApiEnvelope(ReportDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ReportQueryDto) {
    return this.reports.list(query);
  }

  @Get('mine')
  @Authenticated()
  @ApiOperation({ summary: 'Reports I filed' })
  @ApiEnvelope(ReportDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  mine(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto) {
    return this.reports.listOwn(user, query);
  }

  @Patch(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Triage: status, priority, assignee, resolution notes (staff; report:update)' })
  @ApiEnvelope(ReportDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateReportDto) {
    return this.reports.update(user, id, dto);
  }
}
