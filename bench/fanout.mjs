import { io } from 'socket.io-client';
import { percentile, sleep } from './lib.mjs';

/**
 * Connects `count` sockets (spread over `urls`), joins them all to one conversation, posts `messages`
 * chat messages through the first URL and measures, per socket, the time from the POST to the
 * `message:received` carrying that text: the delivery latency of one message to `count` sockets.
 */
export async function measureFanout({ urls, token, conversationId, count = 1000, messages = 15 }) {
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    const socket = io(urls[i % urls.length], { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    if (i % 100 === 99) await sleep(50);
  }
  try {
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise((resolve, reject) => {
            if (socket.connected) return resolve();
            socket.once('connect', resolve);
            socket.once('connect_error', reject);
          }),
      ),
    );
    await Promise.all(sockets.map((socket) => socket.timeout(20_000).emitWithAck('conversation:join', { conversationId })));

    const latencies = [];
    let missing = 0;
    for (let m = 0; m < messages; m += 1) {
      const content = `How can I download my annual tax receipt? (${m})`;
      const started = performance.now();
      const received = sockets.map(
        (socket) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => {
              socket.off('message:received', onMessage);
              resolve(undefined);
            }, 10_000);
            function onMessage(message) {
              if ((message?.message ?? message)?.content === content) {
                clearTimeout(timer);
                socket.off('message:received', onMessage);
                resolve(performance.now() - started);
              }
            }
            socket.on('message:received', onMessage);
          }),
      );
      const res = await fetch(`${urls[0]}/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': 'br', authorization: `Bearer ${token}` },
        body: JSON.stringify({ content }),
      });
      if (!res.ok) throw new Error(`fan-out post answered ${res.status}: ${await res.text()}`);
      for (const latency of await Promise.all(received)) {
        if (latency === undefined) missing += 1;
        else latencies.push(latency);
      }
      await sleep(250);
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), delivered: latencies.length, missing };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}
