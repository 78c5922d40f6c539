import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

const NOTIFICATION = `id, user_id AS "userId", type, title, body, data, read_at AS "readAt", created_at AS "createdAt"`;
const notification = {
  id: col.uuid,
  userId: col.uuid,
  type: col.text,
  title: col.text,
  body: col.text,
  data: col.jsonb,
  readAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
};

/** One notification per recipient, in one statement. */
export const insertNotifications = sql({
  name: 'notifications-insert',
  text: `INSERT INTO notifications (id, user_id, type, title, body, data)
         SELECT gen_random_uuid(), recipient, $2::text, $3::text, $4::text, $5::jsonb FROM unnest($1::uuid[]) AS recipient
         RETURNING ${NOTIFICATION}`,
  params: [col.uuidArray, col.text, col.text, col.text, col.jsonb],
  columns: notification,
});

export const listNotifications = sql({
  name: 'notifications-list',
  text: `SELECT ${NOTIFICATION}, count(*) OVER ()::int AS total FROM notifications
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2::int OFFSET $3::int`,
  params: [col.uuid, col.int, col.int],
  columns: { ...notification, total: col.int },
});

export const listUnreadNotifications = sql({
  name: 'notifications-list-unread',
  text: `SELECT ${NOTIFICATION}, count(*) OVER ()::int AS total FROM notifications
         WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2::int OFFSET $3::int`,
  params: [col.uuid, col.int, col.int],
  columns: { ...notification, total: col.int },
});

export const countNotifications = sql({
  name: 'notifications-count',
  text: `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1`,
  params: [col.uuid],
  columns: { count: col.int },
});

export const countUnreadNotifications = sql({
  name: 'notifications-count-unread',
  text: `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
  params: [col.uuid],
  columns: { count: col.int },
});

/** Marks one of the user's notifications read (the first read time stays) and returns it. */
export const markNotificationRead = sql({
  name: 'notifications-mark-read',
  text: `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${NOTIFICATION}`,
  params: [col.uuid, col.uuid],
  columns: notification,
});
