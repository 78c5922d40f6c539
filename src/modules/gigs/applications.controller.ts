import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationResponseDto, ApplyDto, DecideApplicationDto, ListApplicationsQueryDto } from './dto/application.dto.js';

@ApiTags('Applications')
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('opportunities/:id/applications')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Apply to an OPEN opportunity (refused with the reasons when not eligible)' })
  @ApiEnvelope(ApplicationResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  apply(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplyDto): Promise<ApplicationResponseDto> {
    return this.applications.apply(user, id, dto);
  }

  @Get('applications')
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'Agents: my applications; clients: applications to my opportunities; staff: all' })
  @ApiEnvelope(ApplicationResponseDto, { paginated: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListApplicationsQueryDto): Promise<Page<ApplicationResponseDto>> {
    return this.applications.list(user, query);
  }

  @Get('applications/:id')
  @Roles('AGENT', 'CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'One application (its agent, the owning client, or staff)' })
  @ApiEnvelope(ApplicationResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponseDto> {
    return this.applications.get(user, id);
  }

  @Patch('applications/:id/decision')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Accept (creates the gig, within capacity) or reject an application to my opportunity' })
  @ApiEnvelope(ApplicationResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  decide(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideApplicationDto): Promise<ApplicationResponseDto> {
    return this.applications.decide(user, id, dto);
  }
}
