// How the server's paths are shown to an HTTP client: run files as resource URIs, run folders as
// URI prefixes, the rest of the home relative to AVATAR_LOOKS_HOME, the reference photo by name;
// image bytes untouched.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentMessage, remotePaths } from '../../src/mcp/http/paths.ts';

const present = remotePaths('/srv/looks', '/home/ada/me.jpg');
const RUN = '2026-12-04-sleep-science-k3f9x2';

describe('paths shown over HTTP', () => {
  it('shows a run file as its resource URI and a run folder as the prefix of those', () => {
    assert.equal(present(`/srv/looks/runs/${RUN}/candidate-1.png`), `avatar-looks://runs/${RUN}/candidate-1.png`);
    assert.equal(present(`/srv/looks/runs/${RUN}`), `avatar-looks://runs/${RUN}/`);
    assert.equal(present(`/srv/looks/runs/${RUN}/`), `avatar-looks://runs/${RUN}/`);
    assert.equal(
      present(`- /srv/looks/runs/${RUN}/candidate-1.png (1024×576); run folder: /srv/looks/runs/${RUN}.`),
      `- avatar-looks://runs/${RUN}/candidate-1.png (1024×576); run folder: avatar-looks://runs/${RUN}/.`,
    );
  });

  it('shows anything else in the home relative to it, and the reference photo by its variable', () => {
    assert.equal(present('the log is /srv/looks/jobs/job_abc.log'), 'the log is AVATAR_LOOKS_HOME/jobs/job_abc.log');
    assert.equal(present('home: /srv/looks'), 'home: AVATAR_LOOKS_HOME');
    assert.equal(present('/srv/looksalike/x.png'), '/srv/looksalike/x.png', 'a longer name is another folder');
    assert.equal(
      present('The reference photo (/home/ada/me.jpg) is'),
      'The reference photo (AVATAR_REFERENCE_IMAGE) is',
    );
    assert.equal(
      remotePaths('/srv/looks/', undefined)(`/srv/looks/runs/${RUN}/run.json`),
      `avatar-looks://runs/${RUN}/run.json`,
    );
  });

  it('rewrites every string of a message but the bytes of images and blobs', () => {
    const data = Buffer.from('/srv/looks/runs/').toString('base64');
    const message = {
      jsonrpc: '2.0',
      id: 1,
      result: {
        content: [
          { type: 'text', text: `/srv/looks/runs/${RUN}/a.png` },
          { type: 'image', data: '/srv/looks/runs/x', mimeType: 'image/jpeg' },
        ],
        structuredContent: { images: [{ path: `/srv/looks/runs/${RUN}/a.png`, width: 1 }], sandbox: true },
      },
    };
    assert.deepEqual(presentMessage(message, present), {
      ...message,
      result: {
        content: [
          { type: 'text', text: `avatar-looks://runs/${RUN}/a.png` },
          { type: 'image', data: '/srv/looks/runs/x', mimeType: 'image/jpeg' },
        ],
        structuredContent: { images: [{ path: `avatar-looks://runs/${RUN}/a.png`, width: 1 }], sandbox: true },
      },
    });
    assert.equal(presentMessage({ blob: data }, present).blob, data);
  });
});
