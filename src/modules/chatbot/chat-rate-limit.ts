import type { SharedRateLimit } from '../../infra/realtime/socket-rate-limiter.js';

/**
 * Chat messages per user, over HTTP and over the socket together (one counter): every message may
 * reach the paid LLM. Per user, not per IP: many customers can share one office or carrier IP.
 */
export const CHAT_MESSAGE_RATE_LIMIT: SharedRateLimit = { shared: 'chat-message', max: 60, windowMs: 60_000 };
