import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/**
 * Ratings shown beside agents (application lists, gigs) and clients (the opportunities agents browse).
 * They count published reviews only: a review still hidden by the double-blind rule counts nowhere.
 */
export const ratingsOfAgents = sql({
  name: 'ratings-of-agents',
  text: `SELECT g.agent_id AS "agentId", avg(r.rating)::float8 AS average, count(*)::int AS count
         FROM gig_reviews r JOIN selected_gigs g ON g.id = r.gig_id
         WHERE r.direction = 'CLIENT_TO_AGENT' AND r.published_at IS NOT NULL AND g.agent_id = ANY($1)
         GROUP BY g.agent_id`,
  params: [col.uuidArray],
  columns: { agentId: col.uuid, average: col.float, count: col.int },
});

export const ratingsOfClients = sql({
  name: 'ratings-of-clients',
  text: `SELECT g.client_id AS "clientId", avg(r.rating)::float8 AS average, count(*)::int AS count
         FROM gig_reviews r JOIN selected_gigs g ON g.id = r.gig_id
         WHERE r.direction = 'AGENT_TO_CLIENT' AND r.published_at IS NOT NULL AND g.client_id = ANY($1)
         GROUP BY g.client_id`,
  params: [col.uuidArray],
  columns: { clientId: col.uuid, average: col.float, count: col.int },
});
