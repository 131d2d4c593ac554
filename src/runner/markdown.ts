/**
 * Text from images, Dockerfiles and manifests in a pull request goes into the
 * job summary: as Markdown table cells it must neither break the table nor
 * inject HTML. One escaper for every report.
 */
export function markdownCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}
