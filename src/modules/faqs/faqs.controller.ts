import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CreateFaqDto, FaqDto, FaqQueryDto, StaffFaqQueryDto, UpdateFaqDto } from './dto/faq.dto.js';
import { FaqsService } from './faqs.service.js';

@ApiTags('FAQs')
@Controller('faqs')
export class FaqsController {
  constructor(private readonly faqs: FaqsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'List or search the active FAQs (public)' })
  @ApiEnvelope(FaqDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: FaqQueryDto) {
    return this.faqs.listPublic(query);
  }

  @Get('manage')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'List all FAQs including inactive ones (staff)' })
  @ApiEnvelope(FaqDto, { paginated: true })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  listForStaff(@Query() query: StaffFaqQueryDto) {
    return this.faqs.listForStaff(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One active FAQ (public)' })
  @ApiEnvelope(FaqDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.faqs.getPublic(id);
  }

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Create an FAQ (staff)' })
  @ApiEnvelope(FaqDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateFaqDto) {
    return this.faqs.create(user, dto);
  }

  @Patch(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Update an FAQ (staff)' })
  @ApiEnvelope(FaqDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateFaqDto) {
    return this.faqs.update(user, id, dto);
  }

  @Delete(':id')
  @Roles(...STAFF_ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an FAQ (staff)' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  remove(@Param('id', ParseUUIDPipe) id: string) {
    return this.faqs.remove(id);
  }
}
