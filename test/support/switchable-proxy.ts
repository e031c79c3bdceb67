// An HTTP proxy in front of the reference backend that a test can switch off, to play "backend down".
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SwitchableProxy {
  url: string;
  /** While down, every request is answered 503 without reaching the backend. */
  down: boolean;
  /** Requests that reached the backend, by "METHOD /path" (no query). */
  forwarded: string[];
  close(): Promise<void>;
}

export async function switchableProxy(targetUrl: string): Promise<SwitchableProxy> {
  const target = new URL(targetUrl);
  const state: SwitchableProxy = { url: '', down: false, forwarded: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    if (state.down) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: '/problems/internal', title: 'Unavailable', status: 503 }));
      return;
    }
    state.forwarded.push(`${req.method!} ${(req.url ?? '').split('?')[0]!}`);
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return state;
}
