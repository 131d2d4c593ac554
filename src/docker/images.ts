/** argv for local images: tag, push, pull, remove. Pure. */

export function tagArgs(source: string, target: string): string[] {
  return ['docker', 'tag', source, target];
}

export function pushArgs(tag: string): string[] {
  return ['docker', 'push', '--quiet', tag];
}

export function pullArgs(ref: string): string[] {
  return ['docker', 'pull', '--quiet', ref];
}

export function imageRemoveArgs(refs: string[]): string[] {
  return ['docker', 'image', 'rm', ...refs];
}

export function imageIdArgs(ref: string): string[] {
  return ['docker', 'image', 'inspect', '--format', '{{.Id}}', ref];
}
