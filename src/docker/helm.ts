/**
 * Rendering a Helm chart with the `helm` CLI, when it is on PATH: a chart
 * template is not a manifest until `helm template` has filled it in. Commands
 * are argv arrays; the chart directory can never read as a flag.
 */
import { exec, tail } from './exec';

const VERSION_TIMEOUT_MS = 30_000;
const RENDER_TIMEOUT_MS = 120_000;

/** The release name rendered templates see as .Release.Name. */
export const RELEASE_NAME = 'multiarch-check';

/** A path as a helm argument: `./-x` rather than `-x`, which helm would take for a flag. */
function pathArg(dir: string): string {
  return dir.startsWith('-') ? `./${dir}` : dir;
}

export function helmVersionArgs(): string[] {
  return ['helm', 'version', '--short'];
}

/** Renders a chart with its default values, every template, as one multi-document YAML stream. */
export function helmTemplateArgs(chartDir: string, release = RELEASE_NAME): string[] {
  return ['helm', 'template', release, pathArg(chartDir)];
}

/**
 * helm's version when a `helm` on PATH answers; undefined when there is none
 * (or it cannot even say its version).
 */
export async function helmVersion(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  try {
    const res = await exec(helmVersionArgs(), {
      timeoutMs: VERSION_TIMEOUT_MS,
      allowFailure: true,
      quiet: true,
      env,
    });
    return res.exitCode === 0 && !res.timedOut ? res.stdout.trim() || 'unknown' : undefined;
  } catch {
    // Not on PATH: exec could not start it.
    return undefined;
  }
}

/** `helm template` of one chart: its output, or an error with helm's own message and the fix. */
export async function renderChart(
  chartDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const argv = helmTemplateArgs(chartDir);
  const res = await exec(argv, { timeoutMs: RENDER_TIMEOUT_MS, allowFailure: true, env });
  if (res.exitCode !== 0 || res.timedOut) {
    const why = res.timedOut
      ? `timed out after ${RENDER_TIMEOUT_MS / 1000} s`
      : tail(res.stderr || res.stdout, 5) || `exit ${res.exitCode}`;
    throw new Error(
      `${argv.join(' ')} failed: ${why}. Fix: make the chart render on its own with its default values (helm dependency build ${pathArg(chartDir)} for missing dependencies), or point kubernetes-manifests at rendered manifests.`,
    );
  }
  return res.stdout;
}
