/** Reads a GITHUB_OUTPUT file the way the runner does, so the CLI gets exactly the action's outputs. Pure. */
export function readFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i++] as string;
    const open = line.indexOf('<<');
    const eq = line.indexOf('=');
    if (open > 0 && (eq < 0 || open < eq)) {
      // name<<DELIMITER, the value's lines, DELIMITER: what @actions/core writes.
      const end = line.slice(open + 2);
      const body: string[] = [];
      while (i < lines.length && lines[i] !== end) body.push(lines[i++] as string);
      i++;
      values[line.slice(0, open)] = body.join('\n');
    } else if (eq > 0) {
      values[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return values;
}
