/**
 * The skeleton every action runs in: open the engine session, do the work,
 * and publish whatever was learnt, on success and on failure alike. An error
 * is folded into the report before publishing, so outputs and the summary
 * are always written before the step fails, cancelled runs included.
 */
import { openSession, type Session, type SessionOptions } from '../../engine/session';
import { cancellation, cancelledMessage, onCancel } from '../../runner/cancel';
import { errorMessage } from '../../runner/errors';
import type { Host } from '../../runner/host';
import { mainEnded } from '../../runner/state';
import { explainRefusal } from './registry-login';

export interface ActionSpec<Inputs, Report> {
  /** Reads and validates the inputs: a bad input fails before anything runs. */
  inputs(): Inputs;
  report: Report;
  session: SessionOptions | ((inputs: Inputs) => SessionOptions);
  main(inputs: Inputs, session: Session, report: Report): Promise<void>;
  /** Records an error the main step threw. */
  fail(report: Report, message: string): void;
  /** Outputs, summary and annotations. */
  publish(report: Report, inputs: Inputs | undefined): Promise<void>;
  /** Why the step fails, read from the report; undefined when it passed. */
  verdict(report: Report, inputs: Inputs | undefined): string | undefined;
}

/** How a run ended: the CLI's exit code comes from it. */
export interface Outcome {
  /** Why it failed; undefined when it passed. */
  failed?: string;
}

/** Runs the action; the host is told the verdict last, after everything is published. */
export async function runAction<Inputs, Report>(
  host: Pick<Host, 'fail'>,
  spec: ActionSpec<Inputs, Report>,
): Promise<Outcome> {
  let inputs: Inputs | undefined;
  // Main's own unwinding and a cancellation race to report: the first one does.
  let published: Promise<Outcome> | undefined;
  const publishOnce = (): Promise<Outcome> =>
    (published ??= spec.publish(spec.report, inputs).then(() => {
      const failed = spec.verdict(spec.report, inputs);
      if (failed !== undefined) host.fail(failed);
      return { failed };
    }));
  const unregister = onCancel('report', (signal) => {
    if (!published) spec.fail(spec.report, cancelledMessage(signal));
    return publishOnce();
  });
  try {
    inputs = spec.inputs();
    const options = typeof spec.session === 'function' ? spec.session(inputs) : spec.session;
    const session = await openSession(options);
    await spec.main(inputs, session, spec.report);
  } catch (err) {
    // A command stopped by the cancellation fails too; the cancellation is the cause.
    const signal = cancellation();
    spec.fail(
      spec.report,
      signal
        ? `${cancelledMessage(signal)}\n${errorMessage(err)}`
        : explainRefusal(errorMessage(err)),
    );
  }
  // Ended on its own: post need not look again for what main saw removed.
  if (!cancellation()) mainEnded();
  try {
    return await publishOnce();
  } finally {
    unregister();
  }
}
