-- Data only, no schema change. Repairs what earlier versions left behind.

-- 1. Transfer notes are for staff. The SYSTEM message of a transfer, which the donor reads too, used to
--    end with a colon and the note. It keeps only who transferred the query to whom (the note stays on
--    the query and in its handover summary): cut at the first colon and space after the receiver name.
UPDATE "donor_messages" AS m
SET "content" = left(m."content", cut.at - 1)
FROM (
  SELECT d."id", p.after_to + strpos(substr(d."content", p.after_to), ': ') - 1 AS at
  FROM "donor_messages" AS d,
       LATERAL (SELECT strpos(d."content", ' transferred the query to ') + length(' transferred the query to ') AS after_to) AS p
  WHERE d."sender_kind" = 'SYSTEM'
    AND d."message_type" = 'SYSTEM'
    AND strpos(d."content", ' transferred the query to ') > 0
    AND strpos(substr(d."content", p.after_to), ': ') > 0
) AS cut
WHERE m."id" = cut."id";

-- 2. A closed query keeps no call. Calls still open on a resolved or donor-closed query end when the
--    query closed (their Daily rooms expire by themselves), and pending call requests are cancelled,
--    so the expiry scan never reports a missed call on them.
UPDATE "call_sessions" AS s
SET "status" = 'ENDED',
    "ended_at" = GREATEST(COALESCE(q."resolved_at", q."closed_at", CURRENT_TIMESTAMP), s."created_at", s."started_at"),
    "duration_seconds" = CASE
      WHEN s."started_at" IS NULL THEN 0
      ELSE GREATEST(0, round(extract(epoch FROM COALESCE(q."resolved_at", q."closed_at", CURRENT_TIMESTAMP) - s."started_at")))::int
    END,
    "updated_at" = CURRENT_TIMESTAMP
FROM "donor_queries" AS q
WHERE q."id" = s."query_id"
  AND s."status" <> 'ENDED'
  AND q."status" IN ('RESOLVED', 'CLOSED_BY_DONOR');

UPDATE "call_requests" AS r
SET "status" = 'CANCELLED',
    "responded_at" = GREATEST(COALESCE(q."resolved_at", q."closed_at", CURRENT_TIMESTAMP), r."created_at"),
    "updated_at" = CURRENT_TIMESTAMP
FROM "donor_queries" AS q
WHERE q."id" = r."query_id"
  AND r."status" = 'PENDING'
  AND q."status" IN ('RESOLVED', 'CLOSED_BY_DONOR');
