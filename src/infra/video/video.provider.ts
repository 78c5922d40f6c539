import type { CallMode } from '../../generated/prisma/enums.js';

export interface VideoRoom {
  name: string;
  url: string;
}

export interface CreateRoomOptions {
  name: string;
  mode: CallMode;
  expiresAt: Date;
}

export interface MeetingTokenOptions {
  roomName: string;
  userName: string;
  isOwner: boolean;
  expiresAt: Date;
}

/** Video rooms and meeting tokens (Daily.co when configured). */
export abstract class VideoProvider {
  /** False when no provider is configured: call routes answer 503. */
  abstract readonly available: boolean;
  abstract createRoom(options: CreateRoomOptions): Promise<VideoRoom>;
  abstract createMeetingToken(options: MeetingTokenOptions): Promise<string>;
  abstract deleteRoom(name: string): Promise<void>;
}
