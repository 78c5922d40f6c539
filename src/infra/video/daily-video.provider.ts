import { HttpStatus, Logger } from '@nestjs/common';
import { AppError } from '../../common/http/app-error.js';
import { CreateRoomOptions, MeetingTokenOptions, VideoProvider, VideoRoom } from './video.provider.js';

const toUnixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const providerFailed = (what: string) => new AppError(HttpStatus.BAD_GATEWAY, 'VIDEO_PROVIDER_FAILED', `The video provider could not ${what}; try again`);

/** Daily.co REST API (https://docs.daily.co/reference/rest-api): rooms and meeting tokens. */
export class DailyVideoProvider extends VideoProvider {
  readonly available = true;
  private readonly logger = new Logger(DailyVideoProvider.name);

  constructor(
    private readonly apiKey: string,
    private readonly apiUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    super();
  }

  async createRoom({ name, mode, expiresAt }: CreateRoomOptions): Promise<VideoRoom> {
    const body = {
      name,
      privacy: 'private',
      properties: {
        exp: toUnixSeconds(expiresAt),
        eject_at_room_exp: true,
        enable_screenshare: true,
        start_video_off: mode !== 'VIDEO',
        max_participants: 2,
      },
    };
    const room = await this.call<{ name: string; url: string }>('POST', '/rooms', body, 'create the room');
    return { name: room.name, url: room.url };
  }

  async createMeetingToken({ roomName, userName, isOwner, expiresAt }: MeetingTokenOptions): Promise<string> {
    const body = { properties: { room_name: roomName, user_name: userName, is_owner: isOwner, exp: toUnixSeconds(expiresAt) } };
    const { token } = await this.call<{ token: string }>('POST', '/meeting-tokens', body, 'create a meeting token');
    return token;
  }

  async deleteRoom(name: string): Promise<void> {
    try {
      await this.call('DELETE', `/rooms/${encodeURIComponent(name)}`, undefined, 'delete the room');
    } catch (error) {
      // The room expires by itself; a failed delete must not fail ending the call.
      this.logger.warn(`Deleting Daily room ${name} failed: ${(error as Error).message}`);
    }
  }

  private async call<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      this.logger.error(`Daily ${method} ${path} unreachable: ${(error as Error).message}`);
      throw providerFailed(what);
    }
    if (!response.ok) {
      this.logger.error(`Daily ${method} ${path} answered ${response.status}: ${await response.text().catch(() => '')}`);
      throw providerFailed(what);
    }
    return (await response.json()) as T;
  }
}
