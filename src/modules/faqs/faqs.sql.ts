import type { ChatCategory } from '../../generated/prisma/enums.js';
import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/** Full-text matches are capped before ranking: ranking every match of a common word is slow. */
export const CANDIDATE_CAP = 200;

/**
 * An FAQ as the ORM's `Faq` type has it. `usage` is the FAQ's count of uses: the folded count plus
 * the uses appended since the last fold (`FROM faqs f` and an `unfolded` relation with the count `n`).
 */
const FAQ = `f.id, f.category, f.question, f.answer, coalesce(f.keywords, '{}') AS keywords,
  coalesce(f.related_question_ids, '{}') AS "relatedQuestionIds", f.is_active AS "isActive",
  f.usage_count + coalesce(unfolded.n, 0) AS "usageCount", f.created_by_id AS "createdById",
  f.updated_by_id AS "updatedById", f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

/** The uses of one FAQ not folded yet, for `FAQ`. */
const UNFOLDED_OF_F = `LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM faq_usage WHERE faq_id = f.id) unfolded ON true`;

const faqColumns = {
  id: col.uuid,
  category: col.enum<ChatCategory>('ChatCategory'),
  question: col.text,
  answer: col.text,
  keywords: col.textArray,
  relatedQuestionIds: col.uuidArray,
  isActive: col.bool,
  usageCount: col.int,
  createdById: col.nullable(col.uuid),
  updatedById: col.nullable(col.uuid),
  createdAt: col.timestamptz,
  updatedAt: col.timestamptz,
} as const;

const FILTER = `($1::"ChatCategory" IS NULL OR f.category = $1) AND ($2::bool IS NULL OR f.is_active = $2)`;
const filterParams = [col.nullable(col.enum<ChatCategory>('ChatCategory')), col.nullable(col.bool)] as const;

/** One page of FAQs, most used first, with the total (repeated on every row; no row past the end). */
export const listFaqs = sql({
  name: 'faqs-page',
  text: `SELECT ${FAQ}, (SELECT count(*)::int FROM faqs f WHERE ${FILTER}) AS total
         FROM faqs f
         LEFT JOIN (SELECT faq_id, count(*)::int AS n FROM faq_usage GROUP BY faq_id) unfolded ON unfolded.faq_id = f.id
         WHERE ${FILTER}
         ORDER BY "usageCount" DESC, f.created_at DESC
         LIMIT $3::int OFFSET $4::int`,
  params: [...filterParams, col.int, col.int],
  columns: { ...faqColumns, total: col.int },
});

export const countFaqs = sql({
  name: 'faqs-count',
  text: `SELECT count(*)::int AS total FROM faqs f WHERE ${FILTER}`,
  params: filterParams,
  columns: { total: col.int },
});

/** Search-box semantics over the capped candidates (all words must match), best rank first, with the total. */
export const searchFaqs = sql({
  name: 'faqs-search',
  text: `WITH q AS (SELECT websearch_to_tsquery('english', $3) AS query),
         candidates AS (
           SELECT f.id, f.search_vector FROM faqs f, q
           WHERE f.search_vector @@ q.query AND ${FILTER}
           LIMIT ${CANDIDATE_CAP}
         ),
         ranked AS (
           SELECT c.id, ts_rank_cd(c.search_vector, q.query) AS rank, count(*) OVER () AS total
           FROM candidates c, q
           ORDER BY rank DESC, c.id
           LIMIT $4::int OFFSET $5::int
         )
         SELECT ${FAQ}, r.total::int AS total
         FROM ranked r JOIN faqs f ON f.id = r.id ${UNFOLDED_OF_F}
         ORDER BY r.rank DESC, r.id`,
  params: [...filterParams, col.text, col.int, col.int],
  columns: { ...faqColumns, total: col.int },
});

/** How many FAQs a search matches (capped like the search), for a page past the end. */
export const countFaqMatches = sql({
  name: 'faqs-search-count',
  text: `SELECT count(*)::int AS total FROM (
           SELECT 1 FROM faqs f WHERE f.search_vector @@ websearch_to_tsquery('english', $3) AND ${FILTER}
           LIMIT ${CANDIDATE_CAP}
         ) matches`,
  params: [...filterParams, col.text],
  columns: { total: col.int },
});

/**
 * The chat's knowledge lookup: active FAQs sharing any word with `$1` (OR semantics), best full-text
 * rank first.
 */
export const matchFaqs = sql({
  name: 'faqs-match',
  text: `WITH q AS (
           SELECT nullif(replace(plainto_tsquery('english', $1)::text, ' & ', ' | '), '')::tsquery AS query
         ),
         candidates AS (
           SELECT f.id, f.question, f.answer, f.keywords, f.category, f.search_vector FROM faqs f, q
           WHERE f.is_active AND q.query IS NOT NULL AND f.search_vector @@ q.query
           LIMIT ${CANDIDATE_CAP}
         )
         SELECT c.id, c.question, c.answer, coalesce(c.keywords, '{}') AS keywords, c.category,
                ts_rank_cd(c.search_vector, q.query)::float8 AS rank
         FROM candidates c, q
         ORDER BY rank DESC, c.id
         LIMIT $2::int`,
  params: [col.text, col.int],
  columns: {
    id: col.uuid,
    question: col.text,
    answer: col.text,
    keywords: col.textArray,
    category: col.enum<ChatCategory>('ChatCategory'),
    rank: col.float,
  },
});

/** One FAQ (`$2`: active ones only) with its current count of uses. */
export const findFaq = sql({
  name: 'faqs-find',
  text: `SELECT ${FAQ} FROM faqs f ${UNFOLDED_OF_F} WHERE f.id = $1 AND (f.is_active OR NOT $2)`,
  params: [col.uuid, col.bool],
  columns: faqColumns,
});

/**
 * Folds up to `$1` appended uses into the FAQs' counts, in one statement, so that a reader sees each
 * use either appended or counted, never both. Rows another fold is taking are left to it.
 */
export const foldFaqUsage = sql({
  name: 'faqs-fold-usage',
  text: `WITH folded AS (
           DELETE FROM faq_usage WHERE message_id IN (SELECT message_id FROM faq_usage LIMIT $1::int FOR UPDATE SKIP LOCKED)
           RETURNING faq_id
         ),
         counted AS (
           UPDATE faqs f SET usage_count = f.usage_count + n.uses
           FROM (SELECT faq_id, count(*)::int AS uses FROM folded GROUP BY faq_id) n
           WHERE f.id = n.faq_id
         )
         SELECT count(*)::int AS folded FROM folded`,
  params: [col.int],
  columns: { folded: col.int },
});

/** A new FAQ (typed SQL so that it can join a caller's transaction); the row as the ORM's `Faq` has it. */
export const insertFaq = sql({
  name: 'faqs-insert',
  text: `WITH f AS (
           INSERT INTO faqs (id, category, question, answer, keywords, related_question_ids, is_active, created_by_id, updated_by_id, created_at, updated_at)
           VALUES (gen_random_uuid(), coalesce($1::"ChatCategory", 'GENERAL'), $2, $3, $4, $5, $6, $7, $7, now(), now())
           RETURNING *
         )
         SELECT f.id, f.category, f.question, f.answer, coalesce(f.keywords, '{}') AS keywords,
           coalesce(f.related_question_ids, '{}') AS "relatedQuestionIds", f.is_active AS "isActive",
           f.usage_count AS "usageCount", f.created_by_id AS "createdById", f.updated_by_id AS "updatedById",
           f.created_at AS "createdAt", f.updated_at AS "updatedAt"
         FROM f`,
  params: [col.nullable(col.enum<ChatCategory>('ChatCategory')), col.text, col.text, col.textArray, col.uuidArray, col.bool, col.nullable(col.uuid)],
  columns: faqColumns,
});
