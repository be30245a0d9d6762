/**
 * The raw material of the labelled set: a product catalogue (with sibling products
 * one model number or size apart — the hardest negatives) and the requests a
 * content workload sends about them, each in several template wordings that mean
 * the same thing. `{p}` is the product, `{arg}` a parameter that changes the answer.
 */
export interface Product {
  name: string;
  /** A product of the same line whose name differs only in a number or size. */
  sibling?: string;
}

export interface Intent {
  name: string;
  phrasings: string[];
  args?: string[];
}

const LINES: Array<[string, string]> = [
  ['Acme X200 blender', 'Acme X300 blender'],
  ['Nimbus Pro 14 laptop', 'Nimbus Pro 16 laptop'],
  ['Orion S3 smartwatch', 'Orion S4 smartwatch'],
  ['Zephyr 500 air purifier', 'Zephyr 700 air purifier'],
  ['Kestrel 2-person tent', 'Kestrel 4-person tent'],
  ['Lumen 40W desk lamp', 'Lumen 60W desk lamp'],
  ['Aurora 55-inch TV', 'Aurora 65-inch TV'],
  ['Voyager 28L backpack', 'Voyager 40L backpack'],
  ['Tidal 1TB portable SSD', 'Tidal 2TB portable SSD'],
  ['Ember 6-quart slow cooker', 'Ember 8-quart slow cooker'],
  ['Pulse H7 wireless earbuds', 'Pulse H9 wireless earbuds'],
  ['Summit 12-speed road bike', 'Summit 18-speed road bike'],
];

const SINGLES = [
  'Granite cast-iron skillet',
  'Willow linen bedsheet set',
  'Falcon electric toothbrush',
  'Harbor espresso machine',
  'Cedar standing desk',
  'Meadow organic green tea',
  'Atlas hiking boots',
  'Quartz robot vacuum',
  'Sierra yoga mat',
  'Beacon video doorbell',
  'Mosaic ceramic dinner plates',
  'Drift memory-foam pillow',
];

export const PRODUCTS: Product[] = [
  ...LINES.flatMap(([a, b]) => [
    { name: a, sibling: b },
    { name: b, sibling: a },
  ]),
  ...SINGLES.map((name) => ({ name })),
];

export const INTENTS: Intent[] = [
  {
    name: 'description',
    phrasings: [
      'Write a product description for the {p}.',
      'Please write a product description for the {p}.',
      'Can you write a product description for the {p}?',
      'I need a product description for the {p}.',
      'Generate a product description for the {p}, please.',
      'Product description for the {p}, please.',
      'Could you describe the {p} for our product page?',
    ],
  },
  {
    name: 'features',
    phrasings: [
      'List the key features of the {p}.',
      'What are the key features of the {p}?',
      'Please list the main features of the {p}.',
      'Give me the key features of the {p}.',
      'Can you tell me the key features of the {p}?',
    ],
  },
  {
    name: 'battery',
    phrasings: [
      'What is the battery life of the {p}?',
      'How long is the battery life of the {p}?',
      'Tell me the battery life of the {p}.',
      'Battery life of the {p}?',
      "What's the {p}'s battery life?",
    ],
  },
  {
    name: 'warranty',
    phrasings: [
      'What is the warranty period for the {p}?',
      'How long is the warranty on the {p}?',
      'Tell me the warranty period of the {p}.',
      "What's the warranty on the {p}?",
      'Warranty period for the {p}?',
    ],
  },
  {
    name: 'price',
    phrasings: [
      'How much does the {p} cost?',
      'What is the price of the {p}?',
      "What's the price of the {p}?",
      'Tell me the price of the {p}.',
      'Price of the {p}?',
    ],
  },
  {
    name: 'shipping',
    phrasings: [
      'How long does shipping take for the {p}?',
      'What is the shipping time for the {p}?',
      'How long does delivery take for the {p}?',
      'Shipping time for the {p}?',
    ],
  },
  {
    name: 'returns',
    phrasings: [
      'What is the return policy for the {p}?',
      'Can you explain the return policy for the {p}?',
      "What's the refund policy for the {p}?",
      'Tell me about the return policy of the {p}.',
    ],
  },
  {
    name: 'slogan',
    phrasings: [
      'Write a catchy slogan for the {p}.',
      'Please come up with a catchy slogan for the {p}.',
      'Can you create a catchy tagline for the {p}?',
      'I need a catchy slogan for the {p}.',
      'Catchy slogan for the {p}, please.',
    ],
  },
  {
    name: 'reviews',
    phrasings: [
      'Summarize the customer reviews of the {p}.',
      'Please summarize the customer reviews for the {p}.',
      'Give me a summary of the customer reviews of the {p}.',
      'Can you summarise the customer reviews of the {p}?',
    ],
  },
  {
    name: 'launch-email',
    phrasings: [
      'Write a launch email announcing the {p} to our newsletter subscribers.',
      'Draft a launch email announcing the {p} to our newsletter subscribers.',
      'Please write an email to our newsletter subscribers announcing the launch of the {p}.',
      'Compose a launch email for our newsletter subscribers announcing the {p}.',
    ],
  },
  {
    name: 'translate-title',
    phrasings: [
      'Translate the product title "{p}" into {arg}.',
      'Please translate the product title "{p}" into {arg}.',
      'Can you translate the product title "{p}" to {arg}?',
      'Product title "{p}" translated into {arg}, please.',
    ],
    args: ['French', 'German', 'Spanish', 'Italian', 'Japanese'],
  },
  {
    name: 'bullets',
    phrasings: [
      'Write {arg} bullet points about the {p}.',
      'Please write {arg} bullet points about the {p}.',
      'Give me {arg} bullet points about the {p}.',
      'Can you write {arg} bullet points about the {p}?',
    ],
    args: ['3', '5', '7'],
  },
  {
    name: 'audience-ad',
    phrasings: [
      'Write a short ad for the {p} aimed at {arg}.',
      'Please write a short ad for the {p} aimed at {arg}.',
      'Create a short advert for the {p} aimed at {arg}.',
      'Can you write a brief ad for the {p} targeted at {arg}?',
    ],
    args: ['students', 'parents', 'retirees', 'small businesses'],
  },
  {
    name: 'care',
    phrasings: [
      'How do I clean the {p}?',
      'What is the best way to clean the {p}?',
      'How should I clean the {p}?',
      'Cleaning instructions for the {p}?',
    ],
  },
];
