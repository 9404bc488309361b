import type { App } from '../app/create-app.js';
import { ConfigError } from '../support/errors.js';
import { createRuntime } from '../app/runtimes.js';
import type { ChatSession } from './session.js';

/** The chat's session on the app bootstrap built: same config, same tools, same store. */
export function sessionFromApp(app: App): ChatSession {
  return {
    pipeline: app.pipeline,
    conversations: app.conversations,
    initial: { runtime: app.config.runtime, model: app.config.model },
    reload: () => app.reload(),
    createRuntime: (choice) => {
      if (choice.runtime === 'replay' && !app.config.replay) {
        throw new ConfigError('The replay runtime needs a folder of recordings.', {
          hint: 'Restart with --replay <dir> (made earlier with --record <dir>).',
        });
      }
      return createRuntime({ ...app.config, ...choice }, { vocabulary: app.vocabulary });
    },
  };
}
