import OpenAI from 'openai';
import { WritingAssessor, WritingScores } from './writing-assessor.js';
import { parseRubricReply, WRITING_RUBRIC_PROMPT } from './writing-rubric.js';

/** Any OpenAI-compatible chat completions API (OpenAI, Groq, a local server) through `baseURL`. */
export class OpenAiWritingAssessor extends WritingAssessor {
  readonly enabled = true;
  private readonly client: OpenAI;

  constructor(private readonly options: { apiKey: string; baseUrl?: string; model: string }) {
    super();
    // No client retries: the writing-scoring queue retries a failed assessment with back-off.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: 60_000 });
  }

  async assess(input: { prompt: string; answer: string; language: string }): Promise<WritingScores> {
    const completion = await this.client.chat.completions.create({
      model: this.options.model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: WRITING_RUBRIC_PROMPT },
        { role: 'user', content: `Language: ${input.language}\nTask: ${input.prompt}\n\nCandidate's answer:\n${input.answer}` },
      ],
    });
    const content = completion.choices[0]?.message?.content ?? '';
    const scores = parseRubricReply(content, completion.model || this.options.model);
    if (!scores) throw new Error('The writing assessor replied outside the rubric format');
    return scores;
  }
}
