import type { CefrLevel, OpportunityStatus } from '../../generated/prisma/enums.js';
import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

const cefr = col.enum<CefrLevel>('CefrLevel');

/**
 * Which opportunities a list shows. Every filter is optional (null: not applied): $1 client,
 * $2 statuses, $3 project, $4 a required skill (lower case), $5 a title fragment (case-insensitive),
 * $6 a minimum hourly rate. With $7, only what an onboarded agent with CEFR level $8, skills $9 (lower
 * case) and $10 months of experience is eligible for: the rule of `judgeEligibility` (eligibility.ts),
 * which judges each listed opportunity for the response.
 */
const FILTER = `WHERE ($1::uuid IS NULL OR o.client_id = $1)
    AND ($2::"OpportunityStatus"[] IS NULL OR o.status = ANY ($2))
    AND ($3::uuid IS NULL OR o.project_id = $3)
    AND ($4::text IS NULL OR o.required_skills @> ARRAY[$4])
    AND ($5::text IS NULL OR o.title ILIKE ('%' || $5 || '%'))
    AND ($6::int IS NULL OR o.rate_minor >= $6)
    AND (NOT $7::bool OR (
      (o.min_cefr_level IS NULL OR ($8::"CefrLevel" IS NOT NULL AND o.min_cefr_level <= $8))
      AND NOT EXISTS (SELECT 1 FROM unnest(o.required_skills) AS skill WHERE lower(skill) <> ALL ($9::text[]))
      AND o.min_experience_months <= $10::int))`;
const filterParams = [
  col.nullable(col.uuid),
  col.nullable(col.enumArray<OpportunityStatus>('OpportunityStatus')),
  col.nullable(col.uuid),
  col.nullable(col.text),
  col.nullable(col.text),
  col.nullable(col.int),
  col.bool,
  col.nullable(cefr),
  col.textArray,
  col.int,
] as const;

/**
 * A page of the filtered opportunities ($11 rows from $12), newest first, each with its slots as
 * parallel arrays in start order, and `total`, the count of every match.
 */
export const listOpportunities = sql({
  name: 'opportunities-list',
  text: `WITH page AS (
           SELECT o.*, count(*) OVER ()::int AS total FROM opportunities o
           ${FILTER}
           ORDER BY o.created_at DESC, o.id DESC
           LIMIT $11::int OFFSET $12::int
         )
         SELECT page.id, page.project_id AS "projectId", page.client_id AS "clientId", page.title, page.description,
                COALESCE(page.required_skills, '{}') AS "requiredSkills", page.min_cefr_level AS "minCefrLevel",
                page.min_experience_months AS "minExperienceMonths", page.rate_minor AS "rateMinor", page.currency,
                page.capacity, page.accepted_count AS "acceptedCount", page.status, page.published_at AS "publishedAt",
                page.closed_at AS "closedAt", page.created_at AS "createdAt",
                COALESCE(slots.ids, '{}') AS "slotIds", COALESCE(slots.starts, '{}') AS "slotStarts",
                COALESCE(slots.ends, '{}') AS "slotEnds", COALESCE(slots.capacities, '{}') AS "slotCapacities",
                COALESCE(slots.filled, '{}') AS "slotFilled", page.total
         FROM page
         LEFT JOIN LATERAL (
           SELECT array_agg(s.id ORDER BY s.starts_at, s.id) AS ids,
                  array_agg(s.starts_at ORDER BY s.starts_at, s.id) AS starts,
                  array_agg(s.ends_at ORDER BY s.starts_at, s.id) AS ends,
                  array_agg(s.capacity ORDER BY s.starts_at, s.id) AS capacities,
                  array_agg(s.filled_count ORDER BY s.starts_at, s.id) AS filled
           FROM client_schedule_slots s WHERE s.opportunity_id = page.id
         ) AS slots ON true
         ORDER BY page.created_at DESC, page.id DESC`,
  params: [...filterParams, col.int, col.int],
  columns: {
    id: col.uuid,
    projectId: col.uuid,
    clientId: col.uuid,
    title: col.text,
    description: col.nullable(col.text),
    requiredSkills: col.textArray,
    minCefrLevel: col.nullable(cefr),
    minExperienceMonths: col.int,
    rateMinor: col.int,
    currency: col.char,
    capacity: col.int,
    acceptedCount: col.int,
    status: col.enum<OpportunityStatus>('OpportunityStatus'),
    publishedAt: col.nullable(col.timestamptz),
    closedAt: col.nullable(col.timestamptz),
    createdAt: col.timestamptz,
    slotIds: col.uuidArray,
    slotStarts: col.timestamptzArray,
    slotEnds: col.timestamptzArray,
    slotCapacities: col.intArray,
    slotFilled: col.intArray,
    total: col.int,
  },
});

export const countOpportunities = sql({
  name: 'opportunities-count',
  text: `SELECT count(*)::int AS count FROM opportunities o ${FILTER}`,
  params: filterParams,
  columns: { count: col.int },
});
