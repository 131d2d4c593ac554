/**
 * Paths from inputs stay in the workspace.
 *
 * On a runner, the files of the workspace may come from a pull request: a Dockerfile, a
 * secret file or a context that is a symbolic link to ~/.docker/config.json or / would make
 * the build read (and maybe bake into an image) what the pull request should never see. So a
 * path that is written relative, or under GITHUB_WORKSPACE, must resolve inside it, `..` and
 * symbolic links included. An absolute path elsewhere (`${{ runner.temp }}/npmrc`,
 * `/tmp/digests`) is the workflow's own explicit choice and is taken as written. Outside a
 * runner (the CLI, no GITHUB_WORKSPACE) no rule applies.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './inputs';

/** The workspace paths must stay in, or undefined outside a runner. */
export function workspaceRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const ws = env.GITHUB_WORKSPACE?.trim();
  return ws ? path.resolve(ws) : undefined;
}

/** A remote build context (buildx's rule): a URL, git@…, or github.com/…; never a local path. */
export function isRemoteContext(value: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value) || /^github\.com\//.test(value)
  );
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path of `target`: its longest existing prefix resolved (symlinks followed), plus the rest. */
function realPath(target: string): string {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

const FIX =
  'Keep it inside the workspace (GITHUB_WORKSPACE); for a file outside it, give an absolute path the workflow controls, like ${{ runner.temp }}/file.';

/**
 * Where a value written as a path in the workspace (relative, or absolute under it) points,
 * refused when `..` takes it out; undefined outside a runner, and for an absolute path
 * elsewhere, taken as written.
 */
function lexicalTarget(
  name: string,
  value: string,
  workspace: string | undefined,
  cwd: string,
): { root: string; target: string } | undefined {
  if (workspace === undefined) return undefined;
  const root = path.resolve(workspace);
  // As written, not normalised: `${{ github.workspace }}/../x` is written in the workspace.
  const writtenInside =
    !path.isAbsolute(value) || value === root || value.startsWith(root + path.sep);
  if (!writtenInside) return undefined;
  const target = path.resolve(cwd, value);
  if (!inside(root, target)) {
    throw new InputError(name, value, `leads out of the workspace ${root}, to ${target}`, FIX);
  }
  return { root, target };
}

/**
 * Refuses a path input that leaves the workspace: written relative (or under the workspace)
 * and resolving outside it, by `..` or by a symbolic link. Returns the value unchanged. `cwd`
 * is where a relative path is read from (the step's working directory).
 */
export function confinePath(
  name: string,
  value: string,
  workspace: string | undefined,
  cwd: string = process.cwd(),
): string {
  const written = lexicalTarget(name, value, workspace, cwd);
  if (written === undefined) return value;
  const real = realPath(written.target);
  if (!inside(realPath(written.root), real)) {
    throw new InputError(
      name,
      value,
      `is, or lies under, a symbolic link that leads out of the workspace ${written.root}, to ${real}`,
      FIX,
    );
  }
  return value;
}

/**
 * A glob of workspace files: it may not climb out with `..` (symbolic links met while
 * matching are the matcher's to refuse). Returns the pattern unchanged.
 */
export function confineGlob(
  name: string,
  pattern: string,
  workspace: string | undefined,
  cwd: string = process.cwd(),
): string {
  const body = pattern.startsWith('!') ? pattern.slice(1).trim() : pattern;
  lexicalTarget(name, body, workspace, cwd);
  return pattern;
}
