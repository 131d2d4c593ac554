/**
 * The skeleton every action runs in: open the engine session, do the work,
 * and publish whatever was learnt, on success and on failure alike. An error
 * is folded into the report before publishing, so outputs and the summary
 * are always written before the step fails.
 */
import { openSession, type Session, type SessionOptions } from '../../build/session';
import { errorMessage } from '../../runner/errors';
import { explainRefusal } from './registry-login';

export interface ActionSpec<Inputs, Report> {
  /** Reads and validates the inputs: a bad input fails before anything runs. */
  inputs(): Inputs;
  report: Report;
  session: SessionOptions | ((inputs: Inputs) => SessionOptions);
  main(inputs: Inputs, session: Session, report: Report): Promise<void>;
  /** Records an error the main step threw. */
  fail(report: Report, message: string): void;
  /** Outputs, summary, annotations and the step's verdict. */
  publish(report: Report, inputs: Inputs | undefined): Promise<void>;
}

export async function runAction<Inputs, Report>(spec: ActionSpec<Inputs, Report>): Promise<void> {
  let inputs: Inputs | undefined;
  try {
    inputs = spec.inputs();
    const options = typeof spec.session === 'function' ? spec.session(inputs) : spec.session;
    const session = await openSession(options);
    await spec.main(inputs, session, spec.report);
  } catch (err) {
    spec.fail(spec.report, explainRefusal(errorMessage(err)));
  } finally {
    await spec.publish(spec.report, inputs);
  }
}
