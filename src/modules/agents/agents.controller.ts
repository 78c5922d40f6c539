import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { RawResponse } from '../../common/http/envelope.interceptor.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { KycDocumentType } from '../../generated/prisma/enums.js';
import { AgentsService } from './agents.service.js';
import { KycService } from './kyc.service.js';
import { AgentResponseDto, AgreementResponseDto, ExperienceResponseDto, QualificationResponseDto } from './dto/agent-response.dto.js';
import {
  ExperienceDto,
  KycUploadDto,
  QualificationDto,
  SignAgreementDto,
  UpdateExperienceDto,
  UpdateProfileDto,
  UpdateQualificationDto,
} from './dto/profile.dto.js';

const FILE_BODY = { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } };
const KYC_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'type'],
    properties: { file: { type: 'string', format: 'binary' }, type: { type: 'string', enum: ['AADHAR_FRONT', 'AADHAR_BACK', 'PAN'] } },
  },
};

/** The agent's own onboarding: profile, KYC, agreement (in the order of ONBOARDING_STEPS). */
@ApiTags('Agents')
@Controller('agents/me')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly kyc: KycService,
  ) {}

  @Get()
  @Roles('AGENT')
  @ApiOperation({ summary: 'My profile, onboarding status and next step' })
  @ApiEnvelope(AgentResponseDto)
  me(@CurrentUser() user: AuthUser): Promise<AgentResponseDto> {
    return this.agents.getMe(user.id);
  }

  @Put('profile')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Update personal details and skills' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  updateProfile(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<AgentResponseDto> {
    return this.agents.updateProfile(user.id, dto);
  }

  @Post('qualifications')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Add a qualification' })
  @ApiEnvelope(QualificationResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  addQualification(@CurrentUser() user: AuthUser, @Body() dto: QualificationDto): Promise<QualificationResponseDto> {
    return this.agents.addQualification(user.id, dto);
  }

  @Patch('qualifications/:id')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Change one of my qualifications' })
  @ApiEnvelope(QualificationResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  updateQualification(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateQualificationDto,
  ): Promise<QualificationResponseDto> {
    return this.agents.updateQualification(user.id, id, dto);
  }

  @Delete('qualifications/:id')
  @Roles('AGENT')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove one of my qualifications' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  deleteQualification(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.agents.deleteQualification(user.id, id);
  }

  @Post('experiences')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Add work experience' })
  @ApiEnvelope(ExperienceResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  addExperience(@CurrentUser() user: AuthUser, @Body() dto: ExperienceDto): Promise<ExperienceResponseDto> {
    return this.agents.addExperience(user.id, dto);
  }

  @Patch('experiences/:id')
  @Roles('AGENT')
  @ApiOperation({ summary: 'Change one of my experiences' })
  @ApiEnvelope(ExperienceResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  updateExperience(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateExperienceDto): Promise<ExperienceResponseDto> {
    return this.agents.updateExperience(user.id, id, dto);
  }

  @Delete('experiences/:id')
  @Roles('AGENT')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove one of my experiences' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  deleteExperience(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.agents.deleteExperience(user.id, id);
  }

  @Put('photo')
  @Roles('AGENT')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: 'Upload my profile photo (JPEG, PNG or WebP, checked from the bytes)' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  setPhoto(@CurrentUser() user: AuthUser, @UploadedFile() file: UploadedMultipartFile | undefined): Promise<AgentResponseDto> {
    return this.agents.setPhoto(user.id, file);
  }

  @Get('photo')
  @Roles('AGENT')
  @RawResponse()
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({ summary: 'My profile photo' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  photo(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.agents.photo(user);
  }

  @Post('kyc-documents')
  @Roles('AGENT')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(KYC_BODY)
  @ApiOperation({ summary: 'Upload (or replace) a KYC document: image or PDF, checked from the bytes' })
  @ApiEnvelope(AgentResponseDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE)
  uploadKyc(@CurrentUser() user: AuthUser, @Body() dto: KycUploadDto, @UploadedFile() file: UploadedMultipartFile | undefined): Promise<AgentResponseDto> {
    return this.kyc.uploadKycDocument(user.id, dto.type, file);
  }

  @Get('kyc-documents/:type/file')
  @Roles('AGENT')
  @RawResponse()
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'application/pdf')
  @ApiOperation({ summary: 'Download one of my KYC documents' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  kycFile(@CurrentUser() user: AuthUser, @Param('type', new ParseEnumPipe(KycDocumentType)) type: KycDocumentType): Promise<StreamableFile> {
    return this.kyc.kycDocumentFile(user, type);
  }

  @Post('kyc/submit')
  @Roles('AGENT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit my KYC documents for review (again after a rejection)' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.CONFLICT)
  submitKyc(@CurrentUser() user: AuthUser): Promise<AgentResponseDto> {
    return this.kyc.submitKyc(user.id);
  }

  @Get('agreement')
  @Roles('AGENT')
  @ApiOperation({ summary: 'The current agent agreement and whether I signed it' })
  @ApiEnvelope(AgreementResponseDto)
  agreement(@CurrentUser() user: AuthUser): Promise<AgreementResponseDto> {
    return this.agents.agreement(user.id);
  }

  @Post('agreement/sign')
  @Roles('AGENT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign the current agreement (records version, signature, time and IP)' })
  @ApiEnvelope(AgentResponseDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  sign(@CurrentUser() user: AuthUser, @Body() dto: SignAgreementDto, @Req() request: FastifyRequest): Promise<AgentResponseDto> {
    return this.agents.signAgreement(user.id, dto, request.ip ?? null);
  }
}
