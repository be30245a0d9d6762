/**
 * Prompts of a content workload for the benchmark: templates × products, with a
 * template variation of each (what a semantic hit answers) and prompts about
 * products never stored (misses). Deterministic.
 */
const BRANDS = 'Acme Nimbus Orion Zephyr Kestrel Lumen Aurora Voyager Tidal Ember Pulse Summit Granite Willow Falcon Harbor Cedar Meadow Atlas Quartz Sierra Beacon Mosaic Drift'.split(' ');
const NOUNS = 'blender laptop smartwatch tent lamp TV backpack SSD cooker earbuds bike skillet bedsheet toothbrush espresso-machine desk kettle boots vacuum mat doorbell plates pillow'.split(' ');
const TEMPLATES: Array<[string, string]> = [
  ['Write a product description for the {p}.', 'Please write a product description for the {p}'],
  ['What is the battery life of the {p}?', "What's the {p}'s battery life?"],
  ['List the key features of the {p}.', 'Please list the key features of the {p}.'],
  ['What is the price of the {p}?', "What's the price of the {p}?"],
  ['Write a catchy slogan for the {p}.', 'I need a catchy slogan for the {p}.'],
  ['Summarize the customer reviews of the {p}.', 'Please summarize the customer reviews for the {p}.'],
  ['How do I clean the {p}?', 'How should I clean the {p}?'],
  ['What is the warranty period for the {p}?', 'Tell me the warranty period of the {p}.'],
];

/** The i-th product: brand, model code, noun — distinct for every i below 24 × 23 × 26,000. */
export function product(i: number): string {
  const brand = BRANDS[i % BRANDS.length];
  const noun = NOUNS[Math.floor(i / BRANDS.length) % NOUNS.length];
  const line = Math.floor(i / (BRANDS.length * NOUNS.length));
  const code = `${String.fromCharCode(65 + (line % 26))}${Math.floor(line / 26)}`;
  return `${brand} ${code} ${noun}`;
}

/** The i-th stored prompt. */
export function storedPrompt(i: number): string {
  return TEMPLATES[i % TEMPLATES.length][0].replace('{p}', product(Math.floor(i / TEMPLATES.length)));
}

/** A template variation of the i-th stored prompt (same request). */
export function variationOf(i: number): string {
  return TEMPLATES[i % TEMPLATES.length][1].replace('{p}', product(Math.floor(i / TEMPLATES.length)));
}

/** A prompt about a product no stored prompt names. */
export function freshPrompt(i: number): string {
  return TEMPLATES[i % TEMPLATES.length][0].replace('{p}', `Novel Q${900 + (i % 100)}-${i} gadget`);
}
