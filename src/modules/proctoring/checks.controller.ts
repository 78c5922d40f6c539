import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES, STAFF_ROLES, UserRole } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import {
  DeviceTestDto,
  FaceDescriptorDto,
  FaceReferenceDto,
  IdentityVerificationDto,
  ListIdentityQueryDto,
  ReviewIdentityDto,
  SystemCheckDto,
  SystemCheckResultDto,
} from './dto/checks.dto.js';
import { IdentityService } from './identity.service.js';
import { SystemChecksService } from './system-checks.service.js';

@ApiTags('Proctoring: checks and identity')
@Controller('proctoring')
export class ChecksController {
  constructor(
    private readonly systemChecks: SystemChecksService,
    private readonly identity: IdentityService,
  ) {}

  @Post('system-checks')
  @HttpCode(HttpStatus.CREATED)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Report the machine; the server decides PASSED or FAILED and lists each failed check with its requirement' })
  @ApiEnvelope(SystemCheckResultDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  systemCheck(@Body() dto: SystemCheckDto, @CurrentUser() user: AuthUser): Promise<SystemCheckResultDto> {
    return this.systemChecks.recordSystemCheck(user, dto);
  }

  @Post('device-tests')
  @HttpCode(HttpStatus.CREATED)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Record the webcam and microphone test' })
  @ApiEnvelope(SystemCheckResultDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  deviceTest(@Body() dto: DeviceTestDto, @CurrentUser() user: AuthUser): Promise<SystemCheckResultDto> {
    return this.systemChecks.recordDeviceTest(user, dto);
  }

  @Put('face-reference')
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: "Store the face descriptor the browser computed from the agent's profile photo" })
  @ApiEnvelope(FaceReferenceDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  setFaceReference(@Body() dto: FaceDescriptorDto, @CurrentUser() user: AuthUser): Promise<FaceReferenceDto> {
    return this.identity.setFaceReference(user, dto.descriptor);
  }

  @Get('face-reference')
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Whether a reference face is on file (the descriptor itself is never returned)' })
  @ApiEnvelope(FaceReferenceDto)
  getFaceReference(@CurrentUser() user: AuthUser): Promise<FaceReferenceDto> {
    return this.identity.getFaceReference(user);
  }

  @Post('identity-verifications')
  @HttpCode(HttpStatus.CREATED)
  @Roles(UserRole.AGENT)
  @ApiOperation({ summary: 'Compare the live face descriptor with the reference: VERIFIED, FAILED or MANUAL_REVIEW' })
  @ApiEnvelope(IdentityVerificationDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.TOO_MANY_REQUESTS)
  verify(@Body() dto: FaceDescriptorDto, @CurrentUser() user: AuthUser): Promise<IdentityVerificationDto> {
    return this.identity.verify(user, dto.descriptor);
  }

  @Get('identity-verifications')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Identity verifications, e.g. those awaiting manual review' })
  @ApiEnvelope(IdentityVerificationDto, { paginated: true })
  list(@Query() query: ListIdentityQueryDto) {
    return this.identity.list(query);
  }

  @Patch('identity-verifications/:id/review')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Decide a verification awaiting manual review' })
  @ApiEnvelope(IdentityVerificationDto)
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  review(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewIdentityDto, @CurrentUser() user: AuthUser): Promise<IdentityVerificationDto> {
    return this.identity.review(id, dto, user);
  }
}
