// Reference photos: what is accepted, what is refused with which message, and what is sent.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup } from 'node:dns/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ImageError } from '../../src/domain/images/errors.ts';
import { sniffImage } from '../../src/core/media.ts';
import { LocalFiles } from '../../src/core/local-files.ts';
import { isPrivateAddress } from '../../src/core/net.ts';
import { loadReference, redactUrl, type ReferenceOptions } from '../../src/domain/images/reference.ts';
import { photo } from '../helpers/images.ts';

const folder = mkdtempSync(join(tmpdir(), 'avatar-looks-ref-'));
const file = (name: string, bytes: Buffer | string) => {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
};
const files = new LocalFiles([folder]);
const open: ReferenceOptions = { allowPrivateUrls: true, files };
const closed: ReferenceOptions = { allowPrivateUrls: false, files };

async function refusal(spec: string, options: ReferenceOptions = open, pattern?: RegExp): Promise<ImageError> {
  try {
    await loadReference(spec, options);
  } catch (error) {
    assert.ok(error instanceof ImageError, String(error));
    assert.equal(error.kind, 'reference');
    assert.ok(error.nextStep.length > 10, 'says what to do');
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`${spec.slice(0, 60)} was accepted`);
}

describe('sniffImage', () => {
  it('knows PNG, JPEG and WebP by their bytes and names what else it sees', async () => {
    assert.deepEqual(sniffImage(await photo(8, 8, 'png')), { kind: 'image', mime: 'image/png' });
    assert.deepEqual(sniffImage(await photo(8, 8, 'jpeg')), { kind: 'image', mime: 'image/jpeg' });
    assert.deepEqual(sniffImage(await photo(8, 8, 'webp')), { kind: 'image', mime: 'image/webp' });
    const describe = (bytes: Buffer | string) => {
      const sniffed = sniffImage(Buffer.from(bytes));
      return sniffed.kind === 'other' ? sniffed.description : sniffed.mime;
    };
    assert.equal(describe('GIF89a\x01\x00'), 'a GIF image');
    assert.equal(describe('%PDF-1.7\n'), 'a PDF document');
    assert.equal(describe('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'an SVG drawing');
    assert.equal(describe('<!DOCTYPE html><html><head>'), 'an HTML page');
    assert.equal(describe('\0\0\0\x18ftypheic'), 'a HEIC/HEIF image (iPhone photo format)');
    assert.equal(describe(''), 'an empty file');
  });
});

describe('loadReference', () => {
  let server: Server;
  let base: string;
  let jpeg: Buffer;
  before(async () => {
    jpeg = await photo(600, 800);
    server = createServer((request, response) => {
      if (request.url === '/face.jpg') return void response.end(jpeg);
      if (request.url === '/redirect') return void response.writeHead(302, { location: '/face.jpg' }).end();
      if (request.url === '/huge') {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        const chunk = Buffer.alloc(1024 * 1024, 0xff);
        let sent = 0;
        const pump = () => {
          while (sent < 25 && response.write(chunk)) sent++;
          if (sent < 25) response.once('drain', pump);
          else response.end();
        };
        return void pump();
      }
      if (request.url === '/slow') return; // never answers
      response.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads an absolute path: upright JPEG, SHA-256 of the original bytes', async () => {
    const original = await photo(600, 800, 'png');
    const reference = await loadReference(file('face.png', original), closed);
    assert.equal(reference.mimeType, 'image/jpeg');
    assert.deepEqual(sniffImage(reference.bytes), { kind: 'image', mime: 'image/jpeg' });
    assert.equal(reference.sha256, createHash('sha256').update(original).digest('hex'));
    assert.deepEqual([reference.width, reference.height, reference.originalMime], [600, 800, 'image/png']);
  });

  it('accepts a file:// URL, a WebP and a data: URL', async () => {
    const webp = file('face.webp', await photo(300, 400, 'webp'));
    assert.equal((await loadReference(pathToFileURL(webp).href, closed)).width, 300);
    const data = `data:image/jpeg;base64,${(await photo(320, 240)).toString('base64')}`;
    const fromData = await loadReference(data, closed);
    assert.equal(fromData.source, 'data: URL');
    assert.equal(fromData.width, 320);
  });

  it('applies EXIF orientation: a sideways phone photo is sent upright', async () => {
    const sideways = file('sideways.jpg', await photo(400, 200, 'jpeg', 6));
    const reference = await loadReference(sideways, closed);
    assert.deepEqual([reference.width, reference.height], [200, 400]);
  });

  it('downscales to 2048 px on the long side', async () => {
    const big = file('big.jpg', await photo(3000, 2000));
    const reference = await loadReference(big, closed);
    assert.deepEqual([reference.width, reference.height], [2048, 1365]);
  });

  it('refuses what is not a PNG, JPEG or WebP, saying what it is', async () => {
    await refusal(
      file('drawing.png', '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      closed,
      /is an SVG drawing, not a PNG, JPEG or WebP/,
    );
    await refusal(file('page.jpg', '<!doctype html><html><head></head></html>'), closed, /is an HTML page/);
    await refusal(file('anim.png', 'GIF89a\x01\x00\x01\x00'), closed, /is a GIF image/);
    await refusal(file('scan.png', '%PDF-1.4 renamed'), closed, /is a PDF document/);
  });

  it('refuses a missing, relative or unsupported reference with the fix', async () => {
    const none = await refusal('', closed, /No reference photo/);
    assert.match(none.nextStep, /AVATAR_REFERENCE_IMAGE/);
    await refusal(join(folder, 'nope.jpg'), closed, /does not exist/);
    await refusal('pictures/face.jpg', closed, /is relative/);
    await refusal('ftp://example.com/face.jpg', closed, /ftp:\/\/, which is not supported/);
  });

  it('refuses a file over 20 MB before reading it', async () => {
    const path = file('huge.jpg', '');
    truncateSync(path, 21 * 1024 * 1024);
    await refusal(path, closed, /21\.0 MB, over the 20\.0 MB limit/);
  });

  it('refuses a decompression bomb by its pixel count', async () => {
    // 10000×8000 of one colour compresses to a tiny PNG but decodes to 80 MP.
    const bomb = await sharp({ create: { width: 10_000, height: 8_000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.ok(bomb.length < 1024 * 1024);
    await refusal(file('bomb.png', bomb), closed, /10000×8000 \(80 MP\), over the 40 MP limit/);
  });

  it('refuses a JPEG that cannot be decoded', async () => {
    const broken = Buffer.concat([(await photo(64, 64)).subarray(0, 40), Buffer.alloc(50)]);
    await refusal(file('broken.jpg', broken), closed, /cannot be decoded/);
  });

  it('refuses loopback and private URLs unless AVATAR_LOOKS_ALLOW_PRIVATE_URLS is set', async () => {
    const error = await refusal(`${base}/face.jpg`, closed, /private or local address/);
    assert.match(error.nextStep, /AVATAR_LOOKS_ALLOW_PRIVATE_URLS=1/);
    await refusal('http://localhost:1/face.jpg', closed, /private or local address/);
    await refusal('http://[::1]:1/face.jpg', closed, /private or local address/);
    const fetched = await loadReference(`${base}/face.jpg`, open);
    assert.equal(fetched.width, 600);
    assert.equal(fetched.sha256, createHash('sha256').update(jpeg).digest('hex'));
  });

  it('refuses a host name that resolves to a private address, at connect time', async (t) => {
    // The machine's own name resolves (via /etc/hosts) to one of its addresses: not a literal,
    // not "localhost", so only the connect-time lookup can catch it.
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || !addresses.every((entry) => isPrivateAddress(entry.address)))
      return t.skip(`${name} does not resolve to a private address here`);
    const port = (server.address() as AddressInfo).port;
    await refusal(`http://${name}:${port}/face.jpg`, closed, /private or local address/);
  });

  it('says what is wrong with a malformed URL instead of failing inside', async () => {
    await refusal('https://', closed, /not a valid URL/);
    await refusal('file://server/share/face.jpg', closed, /file:\/\/ URL cannot be used here/);
    await refusal('data:image/png,%E0%A4%A', closed, /not properly encoded/);
  });

  it('follows a redirect, and says what an HTTP error was', async () => {
    assert.equal((await loadReference(`${base}/redirect`, open)).width, 600);
    await refusal(`${base}/missing.jpg`, open, /answered HTTP 404/);
  });

  it('stops a download past 20 MB and one that takes too long', async () => {
    await refusal(`${base}/huge`, open, /over the 20\.0 MB limit|larger than the 20\.0 MB limit/);
    await refusal(`${base}/slow`, { ...open, timeoutMs: 300 }, /took longer than 0\.3 s/);
  });

  it('classifies private and public addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '::7f00:1',
      '::ffff:0:7f00:1',
      '2002:7f00:1::',
      'fec0::1',
      '64:ff9b::7f00:1',
    ]) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(isPrivateAddress(address), false, address);
  });

  it('keeps query strings and credentials out of what it shows', () => {
    assert.equal(
      redactUrl('https://user:pw@cdn.example.com/face.jpg?X-Amz-Signature=secret#x'),
      'https://cdn.example.com/face.jpg?…',
    );
  });
});
