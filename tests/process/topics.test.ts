import { describe, expect, it } from 'vitest';
import type { TopicConfig } from '../../config/index.js';
import { analyzeText } from '../../process/text.js';
import { createTopicMatcher } from '../../process/topics.js';

const topics: TopicConfig[] = [
  { id: 'billing', label: 'Billing', phrases: ['bill', 'charge', 'direct debit', 'price rise'], exclude: [] },
  { id: 'connectivity', label: 'Network', phrases: ['outage', 'internet down', 'no signal', 'wifi', 'dropping out'], exclude: [] },
  { id: 'app', label: 'App', phrases: ['app', 'log in', 'crash', 'dark mode'], exclude: [] },
  { id: 'product_quality', label: 'Quality', phrases: ['broken', 'faulty'], exclude: ['broken promise'] },
];
const match = createTopicMatcher(topics);
const topicsOf = (text: string) => match(analyzeText(text));

describe('topic matching', () => {
  it('matches on stems: inflections find the phrase', () => {
    expect(topicsOf('They charged me twice')).toEqual(['billing']);
    expect(topicsOf('the app keeps crashing')).toEqual(['app']);
    expect(topicsOf('Bills are wrong again')).toEqual(['billing']);
  });

  it('matches multi-word phrases only as a sequence', () => {
    expect(topicsOf('my direct debit went out twice')).toEqual(['billing']);
    expect(topicsOf('direct me to the debit card page')).toEqual([]);
    expect(topicsOf('Internet DOWN since 6am')).toEqual(['connectivity']);
    expect(topicsOf("I can't log in")).toEqual(['app']);
  });

  it('returns every topic found, in config order', () => {
    expect(topicsOf('wifi outage and then a price rise on my bill, the app crashed too')).toEqual(['billing', 'connectivity', 'app']);
  });

  it('an exclusion removes its topic only', () => {
    expect(topicsOf('a broken promise about the bill')).toEqual(['billing']);
    expect(topicsOf('the screen arrived broken')).toEqual(['product_quality']);
  });

  it('matches hashtags as words', () => {
    expect(topicsOf('#outage again in Leeds')).toEqual(['connectivity']);
  });

  it('does not match inside other words', () => {
    expect(topicsOf('happy birthday')).toEqual([]);
    expect(topicsOf('applause for the team')).toEqual([]);
  });

  it('an empty taxonomy matches nothing', () => {
    expect(createTopicMatcher([])(analyzeText('bill app wifi'))).toEqual([]);
  });
});
