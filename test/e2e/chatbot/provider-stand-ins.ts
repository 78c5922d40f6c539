import type { ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from '../../support/stand-in-server.js';

/** Streams `text` in pieces the way OpenAI's chat completions API does (SSE, usage in the last chunk). */
export function streamOpenAiCompletion(response: ServerResponse, model: string, text: string, usage = { prompt_tokens: 120, completion_tokens: 30 }) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id: 'chatcmpl-standin', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const pieces = text.match(/.{1,12}/gs) ?? [text];
  response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);
  for (const piece of pieces) {
    response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
  }
  response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
  response.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
  response.end('data: [DONE]\n\n');
}

/** OpenAI's moderation response for one input. */
export function moderationResponse(response: ServerResponse, flagged: boolean, category = 'harassment') {
  sendJson(response, 200, {
    id: 'modr-standin',
    model: 'omni-moderation-latest',
    results: [{ flagged, categories: { [category]: flagged, violence: false }, category_scores: { [category]: flagged ? 0.97 : 0.01, violence: 0.0 } }],
  });
}

/** Streams `text` the way Gemini's streamGenerateContent does with alt=sse. */
export function streamGeminiContent(response: ServerResponse, text: string, usage = { promptTokenCount: 90, candidatesTokenCount: 25 }) {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const pieces = text.match(/.{1,15}/gs) ?? [text];
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    const chunk = {
      candidates: [{ content: { role: 'model', parts: [{ text: piece }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      ...(last ? { usageMetadata: { ...usage, totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount } } : {}),
      modelVersion: 'gemini-2.0-flash',
    };
    response.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
  });
  response.end();
}

export type ChatBody = { model: string; stream: boolean; messages: { role: string; content: string }[]; max_tokens: number };
export const chatBody = (request: RecordedRequest) => request.body as ChatBody;
