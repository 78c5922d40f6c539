import { Agent } from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/**
 * An HTTPS agent that opens every connection to one fixed origin, whatever host the request names:
 * firebase-admin and google-auth-library accept an `httpAgent`, so this routes their OAuth and FCM
 * calls through an egress gateway, or to a local stand-in of Google's APIs in tests. An `http:`
 * origin is reached in plain text.
 */
export function originAgent(origin: string): Agent {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const agent = new Agent({ keepAlive: true });
  agent.createConnection = (_options, callback) => {
    const socket = secure ? tls.connect({ host: url.hostname, port, servername: url.hostname }) : net.connect({ host: url.hostname, port });
    if (callback) {
      socket.once(secure ? 'secureConnect' : 'connect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, socket));
      return undefined;
    }
    return socket;
  };
  return agent;
}
