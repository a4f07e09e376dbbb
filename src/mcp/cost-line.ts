// create_look's cost line: what the look cost, from published prices — or, for a look HeyGen made
// from a prompt, the base look it was made from and that HeyGen publishes no price for it.

import type { CreateLookResult } from '../store/records.ts';

export function costLine(result: CreateLookResult): string {
  const { costs, made_by_heygen: made } = result;
  const how =
    made?.base_look_chosen_by === 'likeness' ? `the most alike, ${made.base_look_likeness}` : made?.base_look_chosen_by;
  const by = made ? `made by HeyGen from base look ${made.base_look_id} (${how}), nothing uploaded or added; ` : '';
  if (!costs) return `${by}about $${result.cost_estimate_usd.toFixed(2)} for images plus one HeyGen look.`;
  if (result.sandbox && result.cost_estimate_usd === 0) return `${by}nothing spent (sandbox).`;
  if (made) return `${by}${costs.note}`;
  return `about $${result.cost_estimate_usd.toFixed(2)} in all: $${costs.images_usd.toFixed(2)} for images and $${costs.heygen_look_usd.toFixed(2)} for the HeyGen look (${costs.note}).`;
}
