// How an HTTP client is told where the server's files are. Over stdio the client is the user on
// the same machine, and an absolute path is what they open. Over HTTP it is another machine or
// account: the server's paths mean nothing there and tell it how the server's disk is laid out.
// So every message the HTTP transport sends passes through here: a file of a run becomes its
// resource URI (resources/read serves it, and the tools that take an image path take it), a run
// folder the URI prefix of its files, anything else under the home a path relative to
// AVATAR_LOOKS_HOME, and the configured reference photos the name of their variable.

import { isAbsolute, join, sep } from 'node:path';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites the server's paths in a text as an HTTP client is shown them. */
export function remotePaths(home: string, referenceImages: string | string[] | undefined): (text: string) => string {
  const root = join(home, 'runs');
  const base = root.slice(0, -'runs'.length - sep.length);
  const s = escape(sep);
  const runFile = new RegExp(`${escape(root)}${s}([a-z0-9-]+)(?:${s}([A-Za-z0-9][\\w.-]*)?)?`, 'g');
  // The home itself, not a longer name that starts with it (/tmp/home vs /tmp/homework).
  const underHome = new RegExp(`${escape(base)}(?=${s}|[^\\w.-]|$)`, 'g');
  const given = typeof referenceImages === 'string' ? [referenceImages] : (referenceImages ?? []);
  // One photo is AVATAR_REFERENCE_IMAGE; of several, each is named by its place in the list.
  const references = given
    .map((photo, index) => ({
      photo,
      name: given.length === 1 ? 'AVATAR_REFERENCE_IMAGE' : `AVATAR_REFERENCE_IMAGES[${index}]`,
    }))
    .filter(({ photo }) => isAbsolute(photo) || photo.startsWith('file:'));
  return (text) => {
    if (!text.includes(base) && !references.some(({ photo }) => text.includes(photo))) return text;
    const named = references.reduce((current, { photo, name }) => current.split(photo).join(name), text);
    return named
      .replace(runFile, (_, runId: string, file: string | undefined) => `avatar-looks://runs/${runId}/${file ?? ''}`)
      .replace(underHome, 'AVATAR_LOOKS_HOME');
  };
}

/** Every string of a message rewritten, but the bytes of images and blobs (base64 has slashes too). */
export function presentMessage<T>(message: T, present: (text: string) => string): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'data' || key === 'blob' ? value : present(value);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, name)]));
    return value;
  };
  return walk(message) as T;
}
