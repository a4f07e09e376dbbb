// Which provider a call gets: the one asked for, else the sandbox in sandbox mode, else Gemini.
// A provider without its key is named with the variable to set. Providers (sharp, the Gemini
// SDK) load on first use, so the server's cold start does not pay for them.

import type { Config } from '../config.ts';
import { ImageError } from './errors.ts';
import type { ImageProvider } from './provider.ts';

export const PROVIDER_NAMES = ['gemini', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export class ProviderRegistry {
  private readonly config: Config;
  private readonly made = new Map<ProviderName, ImageProvider>();

  constructor(config: Config) {
    this.config = config;
  }

  async resolve(requested: ProviderName | undefined): Promise<ImageProvider> {
    const name: ProviderName = requested ?? (this.config.sandbox ? 'sandbox' : 'gemini');
    const existing = this.made.get(name);
    if (existing) return existing;
    const provider = name === 'sandbox' ? await this.sandbox() : await this.gemini();
    this.made.set(name, provider);
    return provider;
  }

  private async sandbox(): Promise<ImageProvider> {
    const { SandboxImageProvider } = await import('../sandbox/image-provider.ts');
    return new SandboxImageProvider({ delayMs: this.config.sandboxDelayMs });
  }

  private async gemini(): Promise<ImageProvider> {
    const { apiKey, apiKeyVariable, model, baseUrl, timeoutMs } = this.config.gemini;
    if (!apiKey || !apiKeyVariable) {
      throw new ImageError(
        'config',
        'Gemini is not configured: the server has no GEMINI_API_KEY (or GOOGLE_API_KEY).',
        'Add GEMINI_API_KEY (a key from Google AI Studio) to the server\'s environment in your MCP host config and restart it, or pass provider "sandbox" to try the pipeline offline.',
        { provider: 'gemini' },
      );
    }
    const { GeminiProvider } = await import('./gemini.ts');
    return new GeminiProvider({ apiKey, apiKeyVariable, model, baseUrl, timeoutMs });
  }
}
