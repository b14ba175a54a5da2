// npm run e2e [-- e2e/x.e2e.ts …]: browser tests against a real server on a fresh, throw-away database.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Demo#2026pass';
const outDir = path.join(root, 'test-output');
const serverLog = path.join(outDir, 'e2e-server.log');

if (!existsSync(CHROMIUM)) {
  console.error(`缺少 ${CHROMIUM}：请先执行 apt-get install -y chromium fonts-noto-cjk`);
  process.exit(1);
}

ensureWebBuild();
mkdirSync(path.join(outDir, 'screenshots'), { recursive: true });

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parksafe-e2e-'));
const log = createWriteStream(serverLog);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PARKSAFE_DEMO_PASSWORD: PASSWORD,
    PARKSAFE_SECRET: 'e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(log);
server.stderr.pipe(log);
let serverExited = false;
server.on('exit', () => {
  serverExited = true;
});

let code = 1;
try {
  await waitForHealth();
  code = await runTests();
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  console.error(`--- ${path.relative(root, serverLog)} (last lines) ---`);
  console.error(readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n'));
} finally {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth() {
  // The first start seeds the demo park: ~40 s on a quiet machine, several minutes when other work shares the cores.
  const seconds = Number(process.env.E2E_START_SECONDS ?? 300);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (serverExited) throw new Error('服务器启动失败');
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`服务器 ${seconds} 秒内未就绪`);
}

function runTests() {
  const requested = process.argv.slice(2);
  const files = requested.length
    ? requested
    : readdirSync(path.join(root, 'e2e'))
        .filter((f) => f.endsWith('.e2e.ts'))
        .sort()
        .map((f) => path.join('e2e', f));
  // One browser at a time: the machine has two cores, and files share the demo accounts' lockout counters.
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-force-exit',
    '--test-concurrency=1',
    '--test-reporter=spec',
    ...files,
  ];
  const tests = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_PASSWORD: PASSWORD, E2E_CHROMIUM: CHROMIUM },
  });
  return new Promise((resolve) => tests.on('exit', (c) => resolve(c ?? 1)));
}

async function stopServer() {
  if (serverExited) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
