import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/**
 * Ratings shown beside agents (application lists, gigs) and clients (the opportunities agents browse),
 * for the ids in $1. They count published reviews only: a review still hidden by the double-blind rule
 * counts nowhere.
 */
const ratingsOf = (party: 'agent' | 'client', direction: 'CLIENT_TO_AGENT' | 'AGENT_TO_CLIENT') =>
  sql({
    name: `ratings-of-${party}s`,
    text: `SELECT g.${party}_id AS id, avg(r.rating)::float8 AS average, count(*)::int AS count
           FROM gig_reviews r JOIN selected_gigs g ON g.id = r.gig_id
           WHERE r.direction = '${direction}' AND r.published_at IS NOT NULL AND g.${party}_id = ANY($1)
           GROUP BY g.${party}_id`,
    params: [col.uuidArray],
    columns: { id: col.uuid, average: col.float, count: col.int },
  });

export const ratingsOfAgents = ratingsOf('agent', 'CLIENT_TO_AGENT');
export const ratingsOfClients = ratingsOf('client', 'AGENT_TO_CLIENT');
