// Which of the simulator's routes a request is. The list doubles as the names faults are injected
// on, so a fault can only be aimed at a route that exists.

import type { IncomingMessage } from 'node:http';

/** The routes faults can be injected on, as `inject()` takes them. */
export const HEYGEN_SIMULATOR_ROUTES = [
  'POST /v3/assets',
  'GET /v3/assets',
  'POST /v3/avatars',
  'GET /v3/avatars/looks/:id',
  'DELETE /v3/avatars/looks/:id',
  'GET /v3/avatars',
  'GET /v3/avatars/looks',
  'GET /v3/users/me',
  'POST /v3/avatars/:id/consent',
  'GET /v3/avatars/:id',
  'POST /v3/video-agents',
  'GET /v3/video-agents/:id',
  'POST /v3/video-agents/:id',
  'POST /v3/video-agents/:id/stop',
  'GET /v3/videos/:id',
  /** The simulator's CDN for finished videos: not under /v3, needs no x-api-key; HEAD is served too. */
  'GET /files/videos/:id',
  /** Its CDN for look previews (preview_image_url): no x-api-key either; HEAD is served too. */
  'GET /files/previews/:id',
] as const;
export type HeyGenSimulatorRoute = (typeof HEYGEN_SIMULATOR_ROUTES)[number];

/** A matched request as the handlers see it. */
export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  /** The path parameters, decoded, in order. */
  params: string[];
  requestId: string;
}

/** The route as `inject()` compares it: `POST /v3/avatars/{id}/consent` and `post /v3/avatars/:group/consent/` alike. */
export function normalizeRoute(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/);
  return `${method.toUpperCase()} ${path.replace(/\/+$/, '').replace(/\/(:[A-Za-z_]+|\{[A-Za-z_]+\})(?=\/|$)/g, '/:id')}`;
}

/** Which simulator route a request is, with its path parameters; null for an unknown route. */
export function matchRoute(method: string, path: string): { route: HeyGenSimulatorRoute; params: string[] } | null {
  const s = path.split('/').slice(1);
  if (s[0] === 'files') {
    const file = s[2];
    if ((method !== 'GET' && method !== 'HEAD') || s.length !== 3 || !file) return null;
    if (s[1] === 'videos') return { route: 'GET /files/videos/:id', params: [decodeURIComponent(file)] };
    if (s[1] === 'previews') return { route: 'GET /files/previews/:id', params: [decodeURIComponent(file)] };
    return null;
  }
  if (s[0] !== 'v3') return null;
  const [a, b, c, d] = [s[1], s[2], s[3], s[4]];
  const n = s.length;
  if (n === 2 && a === 'assets') {
    if (method === 'POST') return { route: 'POST /v3/assets', params: [] };
    if (method === 'GET') return { route: 'GET /v3/assets', params: [] };
    return null;
  }
  if (method === 'GET' && n === 3 && a === 'users' && b === 'me') return { route: 'GET /v3/users/me', params: [] };
  if (a === 'video-agents') {
    if (method === 'POST' && n === 2) return { route: 'POST /v3/video-agents', params: [] };
    if (n === 3 && b) {
      if (method === 'GET') return { route: 'GET /v3/video-agents/:id', params: [decodeURIComponent(b)] };
      if (method === 'POST') return { route: 'POST /v3/video-agents/:id', params: [decodeURIComponent(b)] };
    }
    if (method === 'POST' && n === 4 && b && c === 'stop')
      return { route: 'POST /v3/video-agents/:id/stop', params: [decodeURIComponent(b)] };
    return null;
  }
  if (a === 'videos') {
    if (method === 'GET' && n === 3 && b) return { route: 'GET /v3/videos/:id', params: [decodeURIComponent(b)] };
    return null;
  }
  if (a !== 'avatars') return null;
  if (n === 2) {
    if (method === 'POST') return { route: 'POST /v3/avatars', params: [] };
    if (method === 'GET') return { route: 'GET /v3/avatars', params: [] };
    return null;
  }
  if (!b) return null;
  if (b === 'looks') {
    if (method === 'GET' && n === 3) return { route: 'GET /v3/avatars/looks', params: [] };
    if (n === 4 && c && method === 'GET')
      return { route: 'GET /v3/avatars/looks/:id', params: [decodeURIComponent(c)] };
    if (n === 4 && c && method === 'DELETE')
      return { route: 'DELETE /v3/avatars/looks/:id', params: [decodeURIComponent(c)] };
    return null;
  }
  if (method === 'GET' && n === 3) return { route: 'GET /v3/avatars/:id', params: [decodeURIComponent(b)] };
  if (method === 'POST' && n === 4 && c === 'consent' && d === undefined)
    return { route: 'POST /v3/avatars/:id/consent', params: [decodeURIComponent(b)] };
  return null;
}
