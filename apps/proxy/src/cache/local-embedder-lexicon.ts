/**
 * The small English lexicon of the built-in embedder. Function words and politeness
 * carry no intent; generic request verbs carry little; a handful of near-synonyms
 * common in prompts are folded together. Kept deliberately short: every entry here
 * makes two prompts more alike, and a false cache hit is worse than a miss.
 */
export const STOPWORDS = new Set(
  (
    'a an the this that these those it its it\'s of for to in on at by with from into about as and or but if then so than ' +
    'i me my mine we us our you your yours he she him her they them their is are was were be been being am do does did ' +
    'can could would will shall should may might must please kindly pls plz hi hello hey thanks thank thx ' +
    'some any just also very really quite here there what which who whom whose how why when where ' +
    'up out over under again further once all each both few more most other such only own same too ' +
    'not no nor s t don now okay ok dear sir madam would like im ive id youre whats hows'
  ).split(/\s+/),
);

/** Request words every template uses in some form ("write me", "give", "I need"): weak evidence of intent. */
export const GENERIC_WORDS = new Set(
  (
    'write create generate produce compose draft make give provide need want help tell show share let know get ' +
    'prepare craft put together come up something piece text content copy version one list explain'
  ).split(/\s+/),
);

/** Near-synonyms folded to one form before stemming (and after, for stems such as "summar"). */
export const SYNONYMS = new Map<string, string>([
  ['brief', 'short'],
  ['concise', 'short'],
  ['succinct', 'short'],
  ['quick', 'short'],
  ['lengthy', 'long'],
  ['detailed', 'long'],
  ['summarize', 'summary'],
  ['summarise', 'summary'],
  ['summarizing', 'summary'],
  ['summarising', 'summary'],
  ['summarized', 'summary'],
  ['summarised', 'summary'],
  ['sum', 'summary'],
  ['describe', 'description'],
  ['describing', 'description'],
  ['descriptive', 'description'],
  ['cost', 'price'],
  ['costs', 'price'],
  ['priced', 'price'],
  ['pricing', 'price'],
  ['purchase', 'buy'],
  ['purchasing', 'buy'],
  ['buying', 'buy'],
  ['delivery', 'shipping'],
  ['deliver', 'shipping'],
  ['ship', 'shipping'],
  ['shipped', 'shipping'],
  ['refund', 'return'],
  ['returns', 'return'],
  ['returning', 'return'],
  ['guarantee', 'warranty'],
  ['warranties', 'warranty'],
  ['translate', 'translation'],
  ['translating', 'translation'],
  ['features', 'feature'],
  ['characteristics', 'feature'],
  ['specs', 'specification'],
  ['spec', 'specification'],
  ['specifications', 'specification'],
  ['bullets', 'bullet'],
  ['compose', 'write'],
  ['e-mail', 'email'],
  ['mail', 'email'],
  ['tagline', 'slogan'],
  ['catchphrase', 'slogan'],
  ['headline', 'title'],
  ['item', 'product'],
  ['items', 'product'],
  ['products', 'product'],
]);
