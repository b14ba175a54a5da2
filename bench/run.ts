// npm run bench -- <name>: runs bench/<name>.ts, which prints its figures.
const BENCHES: Record<string, () => Promise<{ main: () => Promise<void> }>> = {
  audit: () => import('./audit'),
  'audit-archive': () => import('./audit-archive'),
  enterprises: () => import('./enterprises'),
  hazards: () => import('./hazards'),
  credit: () => import('./credit'),
  dashboard: () => import('./dashboard'),
  http: () => import('./http'),
  memory: () => import('./memory'),
  responsibility: () => import('./responsibility'),
  sync: () => import('./sync'),
};

const benchName = process.argv[2];
const load = benchName ? BENCHES[benchName] : undefined;
if (!load) {
  console.error(`用法: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
load()
  .then((m) => m.main())
  .then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );

export {};
