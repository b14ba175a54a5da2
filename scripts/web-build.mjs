// Builds the web console when dist/web is missing or older than its sources (web/ and shared/src).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist/web/index.html');
const sourceDirs = ['web', 'shared/src'].map((dir) => path.join(root, dir));

/** The most recently modified file under dir, as { file, mtimeMs }. */
function newestFile(dir) {
  let newest = { file: null, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestFile(full) : { file: full, mtimeMs: statSync(full).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** Why the console needs building, or null when dist/web is up to date. */
export function staleReason() {
  let builtAt;
  try {
    builtAt = statSync(builtIndex).mtimeMs;
  } catch {
    return 'dist/web/index.html 不存在';
  }
  for (const dir of sourceDirs) {
    const newest = newestFile(dir);
    if (newest.mtimeMs > builtAt) return `${path.relative(root, newest.file)} 比 dist/web 新`;
  }
  return null;
}

export function ensureWebBuild() {
  const reason = staleReason();
  if (!reason) return;
  console.log(`[web] 构建前端（${reason}）…`);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`前端构建失败（退出码 ${result.status ?? result.signal}）`);
  }
}
