import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(WEB_DIR, 'e2e', 'artifacts');

export interface Vitrine {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vitrine exited with ${child.exitCode}; see e2e/artifacts/server-*.log`);
    try {
      const res = await fetch(`${url}/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vitrine at ${url} was not ready within ${timeoutMs} ms`);
}

/**
 * `VITRINE_URL` points the tests at a running server; otherwise they start `vitrine serve`
 * (`VITRINE_BIN`, default ../target/debug/vitrine) on a free port with fresh SQLite files,
 * serving this web/dist, with the kitchen and couriers on a fast clock (`timeScale`, default
 * 300) so an order is delivered within seconds; `simulateCouriers: false` leaves the demo
 * couriers to a person (the courier console's test).
 */
export async function startVitrine(
  options: { timeScale?: number; simulateCouriers?: boolean } = {},
): Promise<Vitrine> {
  if (process.env.VITRINE_URL) {
    return { url: process.env.VITRINE_URL.replace(/\/$/, ''), stop: async () => {} };
  }
  const bin = resolve(WEB_DIR, process.env.VITRINE_BIN ?? '../target/debug/vitrine');
  if (!existsSync(bin)) throw new Error(`${bin} not found: run \`cargo build --bin vitrine\` or set VITRINE_BIN`);
  const dist = join(WEB_DIR, 'dist', 'index.html');
  if (!existsSync(dist)) throw new Error('web/dist is missing: run `npm run build` first');

  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'vitrine-web-e2e-'));
  const port = await freePort();
  const log = createWriteStream(join(ARTIFACTS, `server-${port}.log`));
  const child = spawn(bin, ['serve', '--port', String(port)], {
    env: {
      ...process.env,
      VITRINE_DATA_DIR: dataDir,
      VITRINE_WEB_DIR: join(WEB_DIR, 'dist'),
      VITRINE_TIME_SCALE: String(options.timeScale ?? 300),
      VITRINE_SIM_TICK_MS: '50',
      VITRINE_SIMULATE_COURIERS: String(options.simulateCouriers ?? true),
      DATABASE_URL: '',
      VITRINE_NATS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 180_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GraphQL call as a client makes it, for setting up state the test is not about. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}
