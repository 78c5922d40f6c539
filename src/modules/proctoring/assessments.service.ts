import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isStaff } from '../../common/auth/roles.js';
import { badRequest, ErrorDetail } from '../../common/http/app-error.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { Page, pageArgs, PaginationQueryDto, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentDetailDto, AssessmentSummaryDto, CreateAssessmentDto, CreateQuestionDto, InstructionsDto } from './dto/assessment.dto.js';
import { CEFR_BANDS } from './domain/cefr.js';
import { systemRequirements } from './domain/system-requirements.js';
import { toAssessmentDetail, toAssessmentSummary } from './proctoring.mappers.js';

const MCQ_TYPES = new Set(['AUDIO_MCQ', 'READING_MCQ']);

/** Rules a question must satisfy beyond field shapes: what each type needs to be scorable. */
function questionProblems(q: CreateQuestionDto, field: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const options = q.options ?? [];
  const correct = q.correctAnswers ?? [];
  if (MCQ_TYPES.has(q.type)) {
    if (options.length < 2) problems.push({ field: `${field}.options`, message: 'an MCQ needs at least 2 options' });
    if (new Set(options).size !== options.length) problems.push({ field: `${field}.options`, message: 'options must be distinct' });
    if (correct.length !== 1 || !options.includes(correct[0])) {
      problems.push({ field: `${field}.correctAnswers`, message: 'an MCQ needs exactly one correct answer, equal to one of its options' });
    }
  } else if (options.length) {
    problems.push({ field: `${field}.options`, message: `a ${q.type} question has no options` });
  }
  if (q.type === 'AUDIO_MCQ' && !q.mediaUrl) problems.push({ field: `${field}.mediaUrl`, message: 'an AUDIO_MCQ needs its audio' });
  if (q.type === 'FILL_BLANK' && correct.length === 0) {
    problems.push({ field: `${field}.correctAnswers`, message: 'a FILL_BLANK needs at least one accepted answer' });
  }
  if (q.type === 'WRITING' && correct.length) problems.push({ field: `${field}.correctAnswers`, message: 'a WRITING question has no correct answer' });
  if (q.type === 'SPEAKING' && correct.length > 1) {
    problems.push({ field: `${field}.correctAnswers`, message: 'a SPEAKING question has at most one reference text' });
  }
  return problems;
}

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly config: AppConfig,
  ) {}

  async create(dto: CreateAssessmentDto, author: AuthUser): Promise<AssessmentDetailDto> {
    const problems = dto.sections.flatMap((section, s) => section.questions.flatMap((q, i) => questionProblems(q, `sections.${s}.questions.${i}`)));
    if (problems.length) throw badRequest('VALIDATION_FAILED', 'The assessment is invalid', problems);
    return toAssessmentDetail(await this.assessments.create(dto, author.id));
  }

  async list(query: PaginationQueryDto, user: AuthUser): Promise<Page<AssessmentSummaryDto>> {
    const { skip, take } = pageArgs(query);
    const [items, total] = await this.assessments.list(!isStaff(user.role), skip, take);
    return toPage(items, total, query, toAssessmentSummary);
  }

  async detail(id: string): Promise<AssessmentDetailDto> {
    return toAssessmentDetail(foundOr404(await this.assessments.findWithQuestions(id, false), 'Assessment'));
  }

  async instructions(): Promise<InstructionsDto> {
    const { maxViolations, facePersistMs, minNetworkMbps } = this.config.proctoring;
    const [assessments] = await this.assessments.list(true, 0, 100);
    return {
      steps: [
        'Read these instructions and accept the terms.',
        'Run the system check: browser, operating system, camera, microphone, network speed, screen resolution and fullscreen.',
        'Test your webcam and microphone.',
        'Verify your identity: your live face is compared with the reference photo on your profile.',
        'Enter fullscreen and start the assessment; the timer starts at once and the server enforces it.',
        'Answer every section; submit before the deadline or the test is submitted for you.',
      ],
      rules: [
        'Stay alone and visible to the camera for the whole test.',
        'Do not switch tabs, leave fullscreen, use keyboard shortcuts or right-click.',
        `A face missing or a second face counts only when it lasts ${facePersistMs / 1000} seconds or more.`,
        `More than ${maxViolations} counted violations, or a second person in view, submits the test automatically.`,
        'Short events are recorded as warnings and reviewed by a person; you may appeal each violation once.',
        `Your CEFR level follows your weighted score (0 to 100): ${CEFR_BANDS.map((b) => `${b.level}: ${b.range}`).join('; ')}.`,
      ],
      systemRequirements: { ...systemRequirements(minNetworkMbps) },
      maxViolations,
      facePersistSeconds: facePersistMs / 1000,
      assessments: assessments.map(toAssessmentSummary),
      cefrBands: CEFR_BANDS.map((band) => ({ ...band })),
    };
  }
}
