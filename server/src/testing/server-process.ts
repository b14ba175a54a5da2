// A real server process for the tests and benches that need one (kill -9, restarts, loopback timings): a free port,
// the embedded database in a data directory, readiness polling and a sign-in over HTTP as the console does it.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { generateSync } from 'otplib';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output: () => string;
}

/**
 * `node server/src/main.ts` with `env` over this process's, its stdout and stderr collected. `detached`: a process
 * group of its own, to be signalled as a whole as systemd or a terminal does.
 */
export function spawnServer(env: NodeJS.ProcessEnv, opts: { detached?: boolean } = {}): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** `node server/src/main.ts` on an embedded DATA_DIR; a first start seeds the demo park with demoPassword. */
export function startServer(opts: { dataDir: string; port: number; demoPassword: string }): ServerProcess {
  return spawnServer({
    DATA_DIR: opts.dataDir,
    PORT: String(opts.port),
    PARKSAFE_DEMO_PASSWORD: opts.demoPassword,
    DATABASE_URL: '',
  });
}

/** Runs one of the npm CLI commands (server/src/cli/<script>) and collects its output. */
export function runCli(script: string, cliEnv: NodeJS.ProcessEnv, args: string[] = []) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/src/cli/${script}`, ...args], { env: cliEnv });
    let out = '';
    const collect = (d: Buffer) => {
      out += d;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Polls readiness; a first embedded start (database set up in a child) is slow on a loaded machine. */
export async function waitReady(port: number, output: () => string, timeoutMs = 150_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`server did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface HttpSession {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Signs in over HTTP (answering a TOTP enrolment when asked) and returns what later requests send. */
export async function signInOverHttp(base: string, username: string, password: string): Promise<HttpSession> {
  const post = (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  type Answer = { status?: string; challenge?: string; secret?: string; csrfToken?: string; me?: { id: string } };
  let res = await post('/api/auth/login', { username, password });
  let body = (await res.json()) as Answer;
  if (body.status === 'totpSetupRequired') {
    res = await post('/api/auth/login/totp-setup', {
      challenge: body.challenge,
      code: generateSync({ secret: body.secret! }),
    });
    body = (await res.json()) as Answer;
  }
  if (res.status !== 200 || !body.me) throw new Error(`sign-in as ${username}: ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ps_session='));
  if (!cookie) throw new Error(`sign-in as ${username}: no session cookie`);
  return { cookie, csrf: body.csrfToken!, userId: body.me.id };
}
