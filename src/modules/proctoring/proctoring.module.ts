import { Module } from '@nestjs/common';
import { QueueModule } from '../../infra/queue/queue.module.js';
import { SpeechModule } from '../../infra/speech/speech.module.js';
import { WritingAssessmentModule } from '../../infra/writing-assessment/writing-assessment.module.js';
import { AgentsModule } from '../agents/index.js';
import { JobRetryModule } from '../jobs/index.js';
import { UsersModule } from '../users/index.js';
import { AnswerScoringJobs } from './answer-scoring.jobs.js';
import { AnswersRepository } from './answers.repository.js';
import { AnswersService } from './answers.service.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';
import { BlacklistController } from './blacklist.controller.js';
import { BlacklistRepository } from './blacklist.repository.js';
import { BlacklistService } from './blacklist.service.js';
import { CandidateChecksRepository } from './candidate-checks.repository.js';
import { ChecksController } from './checks.controller.js';
import { EvaluationService } from './evaluation.service.js';
import { IdentityService } from './identity.service.js';
import { MonitoringRepository } from './monitoring.repository.js';
import { MonitoringService } from './monitoring.service.js';
import { ProctoringGateway } from './proctoring.gateway.js';
import { ReviewsController } from './reviews.controller.js';
import { SessionLifecycleService } from './session-lifecycle.service.js';
import { SessionSweeperService } from './session-sweeper.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { ProctoringSessionsService } from './sessions.service.js';
import { SystemChecksService } from './system-checks.service.js';

/** Proctored language assessment: authoring, checks, identity, monitored sessions, scoring and CEFR level. */
@Module({
  imports: [UsersModule, AgentsModule, SpeechModule, WritingAssessmentModule, QueueModule, JobRetryModule],
  controllers: [AssessmentsController, ChecksController, SessionsController, ReviewsController, BlacklistController],
  providers: [
    AssessmentsRepository,
    CandidateChecksRepository,
    SessionsRepository,
    AnswersRepository,
    MonitoringRepository,
    BlacklistRepository,
    AssessmentsService,
    SystemChecksService,
    IdentityService,
    BlacklistService,
    EvaluationService,
    SessionLifecycleService,
    ProctoringSessionsService,
    AnswersService,
    MonitoringService,
    SessionSweeperService,
    AnswerScoringJobs,
    ProctoringGateway,
  ],
})
export class ProctoringModule {}
