/** The verdict on a smoke run's outcome. Pure. */
import { formatPlatform, type Platform } from '../oci/platform';

export interface RunOutcome {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export interface Verdict {
  ok: boolean;
  /** One line: what went wrong. */
  reason?: string;
  /** What to do about it. */
  hint?: string;
  /** Set when the kernel refused the binary's architecture. */
  execFormatError?: boolean;
}

export const EXEC_FORMAT_HINT =
  'The image holds a binary built for another architecture. Build it for TARGETARCH (ARG TARGETARCH in the Dockerfile), ' +
  'cross-compile in FROM --platform=$BUILDPLATFORM stages for $TARGETARCH, and never download or COPY a hard-coded amd64/x86_64 binary.';

export function judge(
  outcome: RunOutcome,
  ctx: { platform: Platform; emulated: boolean; timeoutSeconds: number; expect?: RegExp },
): Verdict {
  const p = formatPlatform(ctx.platform);
  if (outcome.timedOut) {
    return {
      ok: false,
      reason: `timed out after ${ctx.timeoutSeconds} s`,
      hint: 'The smoke command did not finish. A server image needs a smoke-command that exits, like "/app --version"; or raise smoke-timeout.',
    };
  }
  if (/exec format error/i.test(outcome.output)) {
    const arch = ctx.platform.architecture;
    return {
      ok: false,
      execFormatError: true,
      reason: `exec format error: the ${p} image holds an executable that ${arch} machines cannot run${ctx.emulated ? ` (or no emulator for ${arch} is registered)` : ''}`,
      hint: EXEC_FORMAT_HINT,
    };
  }
  if (outcome.exitCode === 139 && ctx.emulated) {
    return {
      ok: false,
      reason: 'segmentation fault (exit 139) under QEMU emulation',
      hint: 'QEMU user-mode emulation is known to crash some programs (QEMU 9.2 in particular). Pin another qemu-image, such as the default, or smoke-test on a native node.',
    };
  }
  if (outcome.exitCode !== 0) {
    return { ok: false, reason: `exited with code ${outcome.exitCode}` };
  }
  if (ctx.expect && !ctx.expect.test(outcome.output)) {
    return {
      ok: false,
      reason: `output did not match smoke-expect /${ctx.expect.source}/`,
      hint: 'Check the output below against the regular expression in smoke-expect.',
    };
  }
  return { ok: true };
}
