// What every fake provider shares: a real HTTP server on 127.0.0.1 (random port), a queue of
// scripted behaviours with a default, counts of requests in flight and of requests the client
// abandoned, and photo-like images made once per shape.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export class LoopbackFake<Behaviour> {
  readonly apiKey: string;
  /** Requests whose client went away before an answer (a cancel or a timeout). */
  abandoned = 0;
  /** The most requests that were in flight at the same time. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly queue: Behaviour[] = [];
  private readonly initial: Behaviour;
  private fallback: Behaviour;
  private server: Server | undefined;
  private readonly label: string;
  private readonly images = new Map<string, Promise<Buffer>>();

  constructor(label: string, apiKey: string, defaultBehaviour: Behaviour) {
    this.label = label;
    this.apiKey = apiKey;
    this.initial = defaultBehaviour;
    this.fallback = defaultBehaviour;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error(`${this.label} is not started`);
    return `http://127.0.0.1:${address.port}`;
  }

  /** Behaviours for the next requests, in order; then the default. */
  enqueue(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  setDefault(behaviour: Behaviour): void {
    this.fallback = behaviour;
  }

  /** Clears the queue and the counts; subclasses also clear what they recorded. */
  reset(): void {
    this.queue.length = 0;
    this.abandoned = 0;
    this.maxInFlight = 0;
    this.fallback = this.initial;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** The next scripted behaviour, or the default. */
  protected nextBehaviour(): Behaviour {
    return this.queue.shift() ?? this.fallback;
  }

  /** Answers one request; each fake speaks its provider's wire format here. */
  protected serve(_request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    response.writeHead(500).end('not implemented');
  }

  /** A photo-like image (gradient plus noise, so it compresses like a photo), made once per shape. */
  protected photo(
    width: number,
    height: number,
    format: 'png' | 'jpeg' | 'webp',
    background = '#7a6a58',
  ): Promise<Buffer> {
    const key = `${width}x${height}:${format}:${background}`;
    let image = this.images.get(key);
    if (!image) {
      const base = sharp({
        create: { width, height, channels: 3, background, noise: { type: 'gaussian', mean: 120, sigma: 40 } },
      });
      image = (
        format === 'jpeg'
          ? base.jpeg({ quality: 85 })
          : format === 'webp'
            ? base.webp({ quality: 85 })
            : base.png({ compressionLevel: 1 })
      ).toBuffer();
      this.images.set(key, image);
    }
    return image;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    response.on('close', () => {
      this.inFlight -= 1;
      if (!response.writableFinished) this.abandoned += 1;
    });
    void this.serve(request, response);
  }
}
