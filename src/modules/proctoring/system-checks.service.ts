import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Prisma, SystemCheck } from '../../generated/prisma/client.js';
import { AppConfig } from '../../config/app-config.js';
import { CandidateChecksRepository } from './candidate-checks.repository.js';
import { DeviceTestDto, SystemCheckDto, SystemCheckResultDto, FailedCheckDto } from './dto/checks.dto.js';
import { evaluateSystem, FailedCheck, systemRequirements } from './domain/system-requirements.js';

const toResult = (check: SystemCheck): SystemCheckResultDto => ({
  id: check.id,
  kind: check.kind,
  status: check.status,
  failures: check.failures as unknown as FailedCheckDto[],
  createdAt: check.createdAt,
});

@Injectable()
export class SystemChecksService {
  constructor(
    private readonly checks: CandidateChecksRepository,
    private readonly config: AppConfig,
  ) {}

  /** The server decides: the client's report is compared with the configured requirements. */
  async recordSystemCheck(user: AuthUser, report: SystemCheckDto): Promise<SystemCheckResultDto> {
    const failures = evaluateSystem(report, systemRequirements(this.config.proctoring.minNetworkMbps));
    return this.record(user, 'SYSTEM', { ...report }, failures);
  }

  async recordDeviceTest(user: AuthUser, report: DeviceTestDto): Promise<SystemCheckResultDto> {
    const failures: FailedCheck[] = [];
    if (!report.cameraWorking) failures.push({ check: 'camera', actual: 'no picture', requirement: 'a live webcam picture' });
    if (!report.microphoneWorking || (report.microphoneLevel !== undefined && report.microphoneLevel < 0.05)) {
      failures.push({ check: 'microphone', actual: 'no sound recorded', requirement: 'an audible test recording' });
    }
    return this.record(user, 'DEVICE', { ...report }, failures);
  }

  private async record(user: AuthUser, kind: 'SYSTEM' | 'DEVICE', report: Record<string, unknown>, failures: FailedCheck[]) {
    const check = await this.checks.createSystemCheck({
      userId: user.id,
      kind,
      status: failures.length ? 'FAILED' : 'PASSED',
      report: report as Prisma.InputJsonObject,
      failures: failures as unknown as Prisma.InputJsonArray,
    });
    return toResult(check);
  }
}
