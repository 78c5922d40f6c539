import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/http/app-error.js';
import { VideoProvider, VideoRoom } from './video.provider.js';

export const videoUnavailable = () =>
  new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'CALLS_UNAVAILABLE', 'Calls are not available: no video provider is configured (DAILY_API_KEY)');

/** The offline default: no video provider, so every call operation answers 503. */
export class UnavailableVideoProvider extends VideoProvider {
  readonly available = false;

  createRoom(): Promise<VideoRoom> {
    return Promise.reject(videoUnavailable());
  }

  createMeetingToken(): Promise<string> {
    return Promise.reject(videoUnavailable());
  }

  deleteRoom(): Promise<void> {
    return Promise.resolve();
  }
}
