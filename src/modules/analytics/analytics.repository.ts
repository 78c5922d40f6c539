import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

/** Every number comes from SQL aggregates over the range; no rows are loaded into memory. */
export interface Range {
  from: Date;
  to: Date;
}

type Num = number | bigint | string | null;
export const num = (value: Num): number => (value === null ? 0 : Number(value));
export interface KeyCount {
  key: string;
  count: bigint;
}

@Injectable()
export class AnalyticsRepository {
  constructor(private readonly db: TransactionHost) {}

  async messageTotals({ from, to }: Range) {
    const [row] = await this.db.client.$queryRaw<Record<string, Num>[]>`
      SELECT
        count(*) FILTER (WHERE NOT flagged AND sender_type = 'USER') AS user_messages,
        count(*) FILTER (WHERE NOT flagged AND sender_type = 'AI') AS bot_messages,
        count(*) FILTER (WHERE NOT flagged AND sender_type = 'AGENT') AS agent_messages,
        count(*) FILTER (WHERE NOT flagged) AS visible_messages,
        count(*) FILTER (WHERE flagged) AS flagged_messages,
        count(DISTINCT conversation_id) FILTER (WHERE NOT flagged) AS conversations_with_messages,
        count(*) FILTER (WHERE sender_type = 'AI' AND source = 'FAQ') AS faq_answers,
        count(*) FILTER (WHERE sender_type = 'AI' AND source = 'FALLBACK') AS fallback_answers,
        coalesce(avg(processing_time_ms) FILTER (WHERE sender_type = 'AI'), 0) AS avg_response,
        coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY processing_time_ms) FILTER (WHERE sender_type = 'AI'), 0) AS p95_response,
        count(*) FILTER (WHERE feedback = 'POSITIVE') AS positive,
        count(*) FILTER (WHERE feedback = 'NEGATIVE') AS negative,
        count(DISTINCT sender_id) FILTER (WHERE sender_type = 'USER') AS active_users
      FROM messages
      WHERE created_at >= ${from} AND created_at < ${to}`;
    return row;
  }

  async conversationTotals({ from, to }: Range) {
    const [row] = await this.db.client.$queryRaw<Record<string, Num>[]>`
      SELECT
        (SELECT count(*) FROM conversations WHERE created_at >= ${from} AND created_at < ${to}) AS conversations,
        (SELECT avg(csat_rating)::float8 FROM conversations WHERE csat_at >= ${from} AND csat_at < ${to}) AS csat_average,
        (SELECT count(*) FROM conversations WHERE csat_at >= ${from} AND csat_at < ${to}) AS csat_responses`;
    return row;
  }

  sentimentDistribution({ from, to }: Range) {
    return this.db.client.$queryRaw<KeyCount[]>`
      SELECT sentiment::text AS key, count(*) AS count FROM messages
      WHERE sender_type = 'USER' AND NOT flagged AND sentiment IS NOT NULL AND created_at >= ${from} AND created_at < ${to}
      GROUP BY sentiment ORDER BY count DESC, key`;
  }

  conversationsBy(column: 'category' | 'status', range: Range) {
    return this.countBy('conversations', column, range);
  }

  topKeywords({ from, to }: Range, limit: number) {
    return this.db.client.$queryRaw<KeyCount[]>`
      SELECT word AS key, count(*) AS count
      FROM messages m, unnest(tsvector_to_array(to_tsvector('english', m.content))) AS word
      WHERE m.sender_type = 'USER' AND NOT m.flagged AND m.created_at >= ${from} AND m.created_at < ${to} AND length(word) > 2
      GROUP BY word ORDER BY count DESC, word LIMIT ${limit}`;
  }

  usageByModel({ from, to }: Range) {
    return this.db.client.$queryRaw<{ model: string; calls: bigint; prompt: bigint; completion: bigint; cost: bigint }[]>`
      SELECT model, count(*) AS calls, coalesce(sum(prompt_tokens), 0) AS prompt,
             coalesce(sum(completion_tokens), 0) AS completion, coalesce(sum(cost_micros), 0) AS cost
      FROM messages
      WHERE sender_type = 'AI' AND model IS NOT NULL AND created_at >= ${from} AND created_at < ${to}
      GROUP BY model ORDER BY cost DESC, model`;
  }

  async backlog() {
    const [row] = await this.db.client.$queryRaw<Record<string, Num>[]>`
      SELECT
        (SELECT count(*) FROM faqs WHERE is_active) AS active_faqs,
        (SELECT count(*) FROM custom_questions WHERE status = 'OPEN') AS open_questions,
        (SELECT count(*) FROM support_tickets WHERE status IN ('OPEN', 'IN_PROGRESS')) AS open_tickets,
        (SELECT count(*) FROM issue_reports WHERE status IN ('PENDING', 'IN_REVIEW')) AS pending_reports`;
    return row;
  }

  ticketsBy(column: 'status' | 'priority', range: Range) {
    return this.countBy('support_tickets', column, range);
  }

  reportsBy(column: 'status' | 'priority', range: Range) {
    return this.countBy('issue_reports', column, range);
  }

  /** Rows created in the range, grouped by one enum column. Identifiers come only from these unions. */
  private countBy(table: 'conversations' | 'support_tickets' | 'issue_reports', column: 'category' | 'status' | 'priority', { from, to }: Range) {
    const group = Prisma.raw(`"${column}"`);
    return this.db.client.$queryRaw<KeyCount[]>`
      SELECT ${group}::text AS key, count(*) AS count FROM ${Prisma.raw(`"${table}"`)}
      WHERE created_at >= ${from} AND created_at < ${to} GROUP BY ${group} ORDER BY count DESC, key`;
  }

  async resolutionMinutes({ from, to }: Range) {
    const [row] = await this.db.client.$queryRaw<Record<string, Num>[]>`
      SELECT
        (SELECT avg(extract(epoch FROM resolved_at - created_at) / 60)::float8 FROM support_tickets
          WHERE resolved_at IS NOT NULL AND created_at >= ${from} AND created_at < ${to}) AS tickets,
        (SELECT avg(extract(epoch FROM resolved_at - created_at) / 60)::float8 FROM issue_reports
          WHERE resolved_at IS NOT NULL AND created_at >= ${from} AND created_at < ${to}) AS reports`;
    return row;
  }

  agentLoad({ from, to }: Range) {
    return this.db.client.$queryRaw<{ agent_id: string; assigned: bigint; replies: bigint }[]>`
      WITH assigned AS (
        SELECT assigned_agent_id AS agent_id, count(*) AS assigned FROM conversations
        WHERE assigned_agent_id IS NOT NULL AND created_at >= ${from} AND created_at < ${to} GROUP BY assigned_agent_id
      ), replies AS (
        SELECT sender_id AS agent_id, count(*) AS replies FROM messages
        WHERE sender_type = 'AGENT' AND created_at >= ${from} AND created_at < ${to} GROUP BY sender_id
      )
      SELECT coalesce(a.agent_id, r.agent_id) AS agent_id, coalesce(a.assigned, 0) AS assigned, coalesce(r.replies, 0) AS replies
      FROM assigned a FULL JOIN replies r ON r.agent_id = a.agent_id
      ORDER BY assigned DESC, replies DESC, agent_id`;
  }
}
