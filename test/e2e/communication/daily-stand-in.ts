import { RecordedRequest, sendJson, StandInHandler, StandInServer, startStandInServer } from '../../support/stand-in-server.js';

export const DAILY_KEY = 'daily-test-key';

/** `POST /rooms` as Daily answers it; the room it creates can then be deleted. */
export const createRoom =
  (daily: StandInServer): StandInHandler =>
  (req, res) => {
    const body = req.body as { name: string };
    daily.on('DELETE', `/rooms/${body.name}`, (_r, del) => sendJson(del, 200, { deleted: true, name: body.name }));
    sendJson(res, 200, { id: 'room-id', name: body.name, url: `https://cx.daily.co/${body.name}`, privacy: 'private' });
  };

/** A stand-in of Daily's REST API: rooms (created and deleted) and meeting tokens, recording what the real client sends. */
export async function startDaily(): Promise<StandInServer> {
  let tokens = 0;
  const daily = await startStandInServer({
    'POST /meeting-tokens': (_req, res) => {
      tokens += 1;
      sendJson(res, 200, { token: `daily-token-${tokens}` });
    },
  });
  daily.on('POST', '/rooms', createRoom(daily));
  return daily;
}

/** The requests the stand-in received with this method and a path starting with `prefix`. */
export const dailyRequests = (daily: StandInServer, method: string, prefix: string): RecordedRequest[] =>
  daily.requests.filter((r) => r.method === method && r.path.startsWith(prefix));

/** The app's environment for calls against the stand-in. */
export const dailyEnv = (daily: StandInServer): Record<string, string> => ({ DAILY_API_KEY: DAILY_KEY, DAILY_API_URL: daily.url });
