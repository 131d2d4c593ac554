/**
 * The runner's tool cache (RUNNER_TOOL_CACHE), through @actions/tool-cache:
 * the one place below the actions that reaches it, so the docker layer
 * imports no @actions package.
 */
import * as tc from '@actions/tool-cache';

/** The cached tool's directory, or '' when this version is not cached. */
export function findTool(tool: string, version: string): string {
  return tc.find(tool, version);
}

/** Downloads a URL to a temp file; returns its path. */
export function downloadTool(url: string): Promise<string> {
  return tc.downloadTool(url);
}

/** Keeps `file` in the cache as `tool`'s `name` at `version`; returns the cached directory. */
export function cacheFile(
  file: string,
  name: string,
  tool: string,
  version: string,
): Promise<string> {
  return tc.cacheFile(file, name, tool, version);
}
