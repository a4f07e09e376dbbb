// HeyGen's published pay-as-you-go prices (developers.heygen.com/docs/pricing, December 2026): what
// the results give as cost estimates. Usage through HeyGen's OAuth apps bills the web plan's
// credits instead, and a subscription's credits differ: these are estimates, and say so.

export const HEYGEN_PRICES = {
  /** A photo look (POST /v3/avatars, type photo): per call. */
  photoLookUsd: 1.0,
  /** Video Agent: per second of finished video. */
  videoAgentUsdPerSecond: 0.0333,
} as const;

export const PRICE_NOTE =
  "Estimate from HeyGen's published pay-as-you-go prices ($1.00 per photo look, $0.0333 per second of Video Agent video); a web plan's credits are counted differently.";

/** HeyGen does not publish the price of a prompt look (POST /v3/avatars, type prompt). */
export const PROMPT_LOOK_PRICE_NOTE =
  'HeyGen does not publish the price of a look it makes from a prompt (provider heygen): it is not in this estimate; check your HeyGen billing. No image provider was paid for it.';
