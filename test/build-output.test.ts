import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * What `npm run build` ships. The Docker build stage copies only package files, the tsconfigs and
 * src/ before `npm run build`, and the runtime stage installs production dependencies only; so this
 * compiles tsconfig.build.json in a temporary copy holding just those (node_modules linked), never
 * into the repository's dist/, and checks the output would run in that image.
 */

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BUILD_TIMEOUT_MS = 120_000;

let workdir: string;
let outDir: string;
let files: string[];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Every module specifier of an emitted ES module: import/export ... from, side-effect and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g)) {
    if (match[2]) found.push(match[2]);
  }
  return found;
}

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), 'build-output-'));
  for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(REPO, name), join(workdir, name));
  }
  cpSync(join(REPO, 'src'), join(workdir, 'src'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(workdir, 'node_modules'), 'dir');
  outDir = join(workdir, 'out');
  const tsc = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
    { cwd: workdir, encoding: 'utf8' },
  );
  // The product must compile from src/ alone: colocated tests (which use test/support) are excluded.
  if (tsc.status !== 0) throw new Error(`npm run build fails:\n${tsc.stdout}${tsc.stderr}`);
  files = listFiles(outDir);
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe('npm run build output', () => {
  it('has both entry points: the bot (npm start) and the operator CLI', () => {
    expect(files).toContain('main/bot.js');
    expect(files).toContain('main/cli.js');
  });

  it('contains no sandbox, demo, test or test-support code', () => {
    const tools = files.filter((file) => /sandbox|demo|testing|\.test\./.test(file));
    expect(tools).toEqual([]);
  });

  it('imports only emitted files, Node built-ins and production dependencies', () => {
    const { dependencies = {} } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const path = join(outDir, file);
      for (const specifier of specifiers(readFileSync(path, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(path), specifier);
          if (relative(outDir, target).startsWith('..')) problems.push(`${file}: ${specifier} leaves dist/`);
          else if (!existsSync(target)) problems.push(`${file}: ${specifier} was not emitted`);
          continue;
        }
        const bare = specifier.replace(/^node:/, '');
        const name = bare.startsWith('@')
          ? bare.split('/').slice(0, 2).join('/')
          : (bare.split('/')[0] ?? bare);
        if (specifier.startsWith('node:') || builtins.has(bare)) continue;
        // The runtime image runs `npm ci --omit=dev`: a dev dependency (vitest, tsx) would not be there.
        if (!(name in dependencies)) problems.push(`${file}: ${specifier} is not a production dependency`);
      }
    }
    expect(problems).toEqual([]);
  });
});
