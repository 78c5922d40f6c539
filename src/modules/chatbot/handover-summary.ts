export interface HandoverSummary {
  customerRequest: string;
  attempted: string[];
  openQuestions: string[];
  mood: string;
  generatedBy: 'ai' | 'conversation-data';
  /** Tokens and cost of the model call that wrote it (AI summaries only). */
  usage?: { model: string; promptTokens: number; completionTokens: number; costMicros: number };
}

export interface SummaryMessage {
  senderType: 'USER' | 'AI' | 'AGENT' | 'SYSTEM';
  content: string;
  source?: 'FAQ' | 'AI' | 'FALLBACK' | null;
  feedback?: 'POSITIVE' | 'NEGATIVE' | null;
}

const clip = (text: string, length = 200) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * The offline handover: the first user message is the request, bot answers are what was tried (with
 * the customer's verdict when given), the user's unanswered or disliked questions stay open.
 */
export function summariseFromConversation(title: string, sentiment: string, messages: SummaryMessage[], reason?: string): HandoverSummary {
  const userMessages = messages.filter((m) => m.senderType === 'USER');
  const attempted: string[] = [];
  const openQuestions: string[] = [];
  messages.forEach((message, index) => {
    if (message.senderType !== 'AI') return;
    const verdict = message.feedback === 'NEGATIVE' ? ' (customer: not helpful)' : message.feedback === 'POSITIVE' ? ' (customer: helpful)' : '';
    attempted.push(`${message.source ?? 'AI'} answer: ${clip(message.content, 160)}${verdict}`);
    const asked = [...messages.slice(0, index)].reverse().find((m) => m.senderType === 'USER');
    if (asked && (message.feedback === 'NEGATIVE' || message.source === 'FALLBACK')) openQuestions.push(clip(asked.content));
  });
  const last = userMessages.at(-1);
  if (last && !openQuestions.includes(clip(last.content))) openQuestions.push(clip(last.content));
  return {
    customerRequest: clip(userMessages[0]?.content ?? reason ?? title, 300),
    attempted,
    openQuestions: reason ? [...openQuestions, `Escalation reason: ${clip(reason)}`] : openQuestions,
    mood: sentiment.toLowerCase(),
    generatedBy: 'conversation-data',
  };
}

/** Reads the model's JSON summary; null when it is not the expected shape. */
export function parseAiSummary(text: string, fallbackMood: string): HandoverSummary | null {
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  try {
    const parsed = JSON.parse(json) as Partial<Record<keyof HandoverSummary, unknown>>;
    if (typeof parsed.customerRequest !== 'string') return null;
    const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => clip(v)) : []);
    return {
      customerRequest: clip(parsed.customerRequest, 300),
      attempted: list(parsed.attempted),
      openQuestions: list(parsed.openQuestions),
      mood: typeof parsed.mood === 'string' ? clip(parsed.mood, 40) : fallbackMood,
      generatedBy: 'ai',
    };
  } catch {
    return null;
  }
}
