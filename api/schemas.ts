// Response schemas: they document the API in the OpenAPI file and make fastify serialise fast.
const integer = { type: 'integer' } as const;
const number = { type: 'number' } as const;
const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const strings = { type: 'array', items: string } as const;

export const object = (properties: Record<string, unknown>, description?: string) =>
  ({ type: 'object', properties, required: Object.keys(properties), ...(description ? { description } : {}) }) as const;

export const sentimentCounts = {
  mentions: integer,
  voices: { ...integer, description: 'Mentions that are not echoes of an earlier one: distinct voices.' },
  negative: integer,
  neutral: integer,
  positive: integer,
  unscored: integer,
  meanSentiment: { ...number, description: 'Mean sentiment score (-1…1) over scored mentions; 0 when none.' },
  failureDemand: integer,
  negativeShare: { ...number, description: 'negative ÷ scored mentions (negative + neutral + positive); 0 when none.' },
} as const;

export const mention = object({
  id: string,
  source: string,
  brand: string,
  url: string,
  authorHandle: string,
  authorFollowers: { type: ['integer', 'null'] },
  text: string,
  title: string,
  createdAt: dateTime,
  language: string,
  duplicateOf: nullableString,
  sentimentScore: number,
  sentimentLabel: string,
  topics: strings,
  failureDemand: { type: 'boolean' },
  failureCategory: nullableString,
  intent: string,
  keyPhrases: strings,
  likes: integer,
  reposts: integer,
  replies: integer,
  processingVersion: integer,
});

export const idea = { ...mention, properties: { ...mention.properties, echoes: { ...integer, description: 'How many others repeated this idea in range.' } }, required: [...mention.required, 'echoes'] };

export const topic = object({ topic: string, label: string, mentions: integer, negative: integer, failureDemand: integer, negativeShare: number });

export const risingTopic = object({
  topic: string,
  label: string,
  mentions: { ...integer, description: 'Mentions in the range.' },
  previous: { ...integer, description: 'Mentions in the equally long range just before.' },
  expected: { ...number, description: 'previous, scaled by how overall volume changed between the two ranges.' },
  score: { ...number, description: '(mentions − expected) ÷ √(expected + 1): how far above its usual share the topic is.' },
});

export const risingTerm = object({
  term: string,
  observed: { ...integer, description: 'Mentions with the term in the range.' },
  expected: { ...number, description: 'What the previous range predicts (smoothed).' },
  score: { ...number, description: 'Dunning log-likelihood G² (10.83 ≈ p < 0.001).' },
});

export const alert = object({
  id: string,
  rule: string,
  brand: string,
  topic: string,
  status: { type: 'string', enum: ['open', 'resolved'] },
  startedAt: dateTime,
  endedAt: { type: ['string', 'null'], format: 'date-time' },
  observed: number,
  expected: number,
  score: number,
  payload: { description: 'The alert content (terms, examples, query) as JSON.' },
  delivery: { type: 'object', additionalProperties: true },
});

export const digest = object({
  id: string,
  digest: string,
  brand: string,
  periodStart: dateTime,
  periodEnd: dateTime,
  createdAt: dateTime,
  markdown: string,
  html: string,
  delivery: { type: 'object', additionalProperties: true },
});

export const errorResponse = {
  type: 'object',
  properties: { statusCode: integer, error: string, message: string, parameter: string },
  required: ['statusCode', 'error', 'message'],
} as const;

const csvContent = { 'text/csv': { schema: { type: 'string', description: 'The same rows as CSV with a header line.' } } };

/** A 200 answer in JSON or CSV, plus the error shapes every /v1 route shares. */
export function responses(json: unknown, description: string) {
  return {
    200: { description, content: { 'application/json': { schema: json }, ...csvContent } },
    400: { description: 'A parameter is invalid; `parameter` names it.', content: { 'application/json': { schema: errorResponse } } },
    401: { description: 'Missing or invalid bearer token.', content: { 'application/json': { schema: errorResponse } } },
  };
}
