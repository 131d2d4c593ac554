import { cleanup } from './post';
import { run } from './main';
import { isPost, markMain } from './runner/state';

if (isPost()) {
  await cleanup();
} else {
  markMain();
  await run();
}
