import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { ClientsService } from './clients.service.js';
import { CreateOpportunityDto, OpportunityResponseDto } from './dto/opportunity.dto.js';
import { CreateProjectDto, ListProjectsQueryDto, ProjectResponseDto, UpdateProjectDto } from './dto/project.dto.js';

@ApiTags('Projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Create a project' })
  @ApiEnvelope(ProjectResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProjectDto): Promise<ProjectResponseDto> {
    return this.clients.createProject(user, dto);
  }

  @Get()
  @Roles('CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'My projects (staff: all)' })
  @ApiEnvelope(ProjectResponseDto, { paginated: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListProjectsQueryDto): Promise<Page<ProjectResponseDto>> {
    return this.clients.listProjects(user, query);
  }

  @Get(':id')
  @Roles('CLIENT', 'SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT')
  @ApiOperation({ summary: 'One of my projects' })
  @ApiEnvelope(ProjectResponseDto)
  @ApiErrors(HttpStatus.NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectResponseDto> {
    return this.clients.getProject(user, id);
  }

  @Patch(':id')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Rename, describe or archive one of my projects' })
  @ApiEnvelope(ProjectResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProjectDto): Promise<ProjectResponseDto> {
    return this.clients.updateProject(user, id, dto);
  }

  @Post(':id/opportunities')
  @Roles('CLIENT')
  @ApiOperation({ summary: 'Create an opportunity (DRAFT) in one of my projects' })
  @ApiEnvelope(OpportunityResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  createOpportunity(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateOpportunityDto): Promise<OpportunityResponseDto> {
    return this.clients.createOpportunity(user, id, dto);
  }
}
