/**
 * Helm charts and other templates: a template is not a manifest until it is
 * rendered, and `helm template` output must be mapped back to the template
 * each document came from. Pure.
 */

/** A Go-template action, `{{ … }}`, as Helm and other generators write them. */
const TEMPLATE_ACTION = /\{\{-?\s*[^}]*\}\}/;

/**
 * The first line holding a Go-template action (`{{ .Values.x }}`), or
 * undefined. A file whose YAML does not parse and that has one is a template,
 * not a manifest: it must be rendered before it can be checked.
 */
export function templateLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((l) => TEMPLATE_ACTION.test(l));
  return index < 0 ? undefined : index + 1;
}

/**
 * Splits `helm template` output by the template each document came from (its
 * `# Source: <chart>/templates/x.yaml` comment), in order; documents of one
 * template are joined with `---`. Keys are the source path without the chart
 * name: `templates/x.yaml`, `charts/sub/templates/y.yaml`.
 */
export function splitHelmOutput(text: string): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const doc of text.split(/^---[ \t]*$/m)) {
    const source = /^# Source: ([^\n]+?)\s*$/m.exec(doc)?.[1];
    if (!source || !source.includes('/')) continue;
    const key = source.slice(source.indexOf('/') + 1);
    const docs = out.get(key) ?? [];
    docs.push(doc.replace(/^\n+/, ''));
    out.set(key, docs);
  }
  return new Map([...out].map(([k, docs]) => [k, docs.join('---\n')]));
}
