/**
 * On GitHub the runner warns about inputs an action does not declare and
 * drops them. Run anywhere else (a script setting INPUT_* variables, a local
 * runner), nobody would: the action warns itself, naming the variable and
 * the input it probably meant. The CLI refuses unknown flags instead.
 */
import { ACTIONS, type ActionSpec } from './specs';

/** The variable the runner sets for an input (core.getInput's naming). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** One warning per INPUT_* variable the action does not read. Pure. */
export function unknownInputWarnings(spec: ActionSpec, env: NodeJS.ProcessEnv): string[] {
  const known = new Map(spec.inputs.map((i) => [inputVariable(i.name), i.name]));
  known.set(inputVariable('command'), 'command');
  // INPUT_BUILD_ARGS for build-args: a shell cannot export a name with "-".
  const loose = (v: string) => v.replace(/[-_]/g, '');
  const warnings: string[] = [];
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith('INPUT_') || known.has(variable)) continue;
    const meant = [...known].find(([k]) => loose(k) === loose(variable))?.[1];
    warnings.push(
      `${variable} is set, but ${spec.file} has no such input, so it is ignored. ` +
        (meant
          ? `Did you mean ${meant}? Its variable is ${inputVariable(meant)} (set it with env, not a shell export, or use the CLI's --${meant}).`
          : `The inputs are: ${spec.inputs.map((i) => i.name).join(', ')}.`),
    );
  }
  return warnings;
}

/** The spec of the action a command runs; undefined for a command that is no action. */
export function specFor(command: string | undefined): ActionSpec | undefined {
  const id = command?.trim() || 'build';
  return ACTIONS.find((a) => a.id === id);
}
