import { describe, expect, it } from '@jest/globals';
import { type ClipboardAccess, copyText } from '../../web/src/lib/clipboard.js';

/** A browser whose Clipboard API and copy command each work, refuse or are missing, recording what was copied. */
function browser(api: 'works' | 'refuses' | 'missing', command: 'works' | 'refuses' | 'throws') {
  const copied: { by: string; text: string }[] = [];
  const access: ClipboardAccess = {
    clipboard:
      api === 'missing'
        ? undefined
        : {
            writeText: (text) => {
              if (api === 'refuses') {
                return Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
              }
              copied.push({ by: 'api', text });
              return Promise.resolve();
            },
          },
    copyBySelection: (text) => {
      if (command === 'throws') {
        throw new Error('execCommand is not supported');
      }
      if (command === 'works') {
        copied.push({ by: 'command', text });
      }
      return command === 'works';
    },
  };
  return { access, copied };
}

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe(copyText.name, () => {
  it('copies the whole value with the Clipboard API when the browser offers it', async () => {
    const { access, copied } = browser('works', 'works');
    await expect(copyText(HASH, access)).resolves.toBe(true);
    expect(copied).toEqual([{ by: 'api', text: HASH }]);
  });

  it('falls back to the copy command when the API is missing or refuses', async () => {
    for (const api of ['missing', 'refuses'] as const) {
      const { access, copied } = browser(api, 'works');
      await expect(copyText(HASH, access)).resolves.toBe(true);
      expect(copied).toEqual([{ by: 'command', text: HASH }]);
    }
  });

  it('says so when neither way copies', async () => {
    for (const command of ['refuses', 'throws'] as const) {
      const { access, copied } = browser('refuses', command);
      await expect(copyText(HASH, access)).resolves.toBe(false);
      expect(copied).toEqual([]);
    }
  });
});
