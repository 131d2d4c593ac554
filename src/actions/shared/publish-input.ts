import type { PublishWhen } from '../../engine/request';
import { oneOf } from '../../runner/inputs';

/** The `publish` input of the build and merge actions, its declared default applied. */
export function publishInput(raw: string): PublishWhen {
  return oneOf('publish', raw, ['on-success', 'always'] as const);
}
