/**
 * The CLI's adapter of the host port: inputs from the flags (or INPUT_*
 * variables the user set), outputs kept
 * for --json, secrets masked and the log shown by the presenter. No INPUT_*
 * or GITHUB_* variable is set, and no workflow command is written.
 */
import type { Host } from '../runner/host';
import { appendSummary } from '../runner/summary';
import type { Presenter } from './terminal';

export class TerminalHost implements Host {
  /** What the action set for later steps: --json prints one of them. */
  readonly outputs: Record<string, string> = {};

  constructor(
    /** Input name → value, as the flags gave them. */
    private readonly flags: Readonly<Record<string, string>>,
    readonly log: Presenter,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /**
   * Trimmed, as the runner's inputs are. A flag wins; without one, an
   * INPUT_<NAME> variable the user set is read (never set), as the runner
   * would: that keeps a secret such as INPUT_PASSWORD out of `ps`.
   */
  input(name: string): string {
    if (Object.hasOwn(this.flags, name)) return (this.flags[name] as string).trim();
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  }

  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }

  setSecret(value: string): void {
    this.log.masker.add(value);
  }

  /** Run inside a job (a workflow step calling the CLI), the job summary gets it as from the action. */
  summary(markdown: string): Promise<void> {
    return appendSummary(this.env.GITHUB_STEP_SUMMARY, markdown, this.log);
  }

  fail(message: string): void {
    this.log.error(message);
  }
}
