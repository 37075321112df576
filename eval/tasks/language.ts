// Language identification on short social texts in 12 languages (eval/data/language-id.tsv,
// written for this project): earshot's detectLanguage beside eld's raw output at each database
// size, tinyld and franc-min, on the same texts in the same run.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eld as eldLarge } from 'eld/large';
import { eld as eldMedium } from 'eld/medium';
import { eld as eldSmall } from 'eld/small';
import { eld as eldExtraSmall } from 'eld/extrasmall';
import { franc } from 'franc-min';
import { detect as tinyld } from 'tinyld';
import { detectLanguage } from '../../process/index.js';
import { table, type EvalTask } from '../task.js';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'language-id.tsv');

interface Row {
  language: string;
  text: string;
}

function load(): Row[] {
  return readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [language, ...rest] = l.split('\t');
      return { language: language!, text: rest.join('\t') };
    });
}

// franc answers in ISO 639-3.
const ISO3: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', swe: 'sv', pol: 'pl', tur: 'tr', rus: 'ru', jpn: 'ja',
  ukr: 'uk', cat: 'ca', glg: 'gl', dan: 'da', nob: 'no', ron: 'ro', bel: 'be', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', cmn: 'zh',
};

interface Detector {
  name: string;
  detect(text: string): string;
}

const detectors: Detector[] = [
  { name: 'earshot detectLanguage (no hint; texts/s includes tokenising)', detect: (t) => detectLanguage(t).language },
  { name: 'eld medium (raw)', detect: (t) => eldMedium.detect(t).language || 'und' },
  { name: 'eld large (raw)', detect: (t) => eldLarge.detect(t).language || 'und' },
  { name: 'eld small (raw)', detect: (t) => eldSmall.detect(t).language || 'und' },
  { name: 'eld extrasmall (raw)', detect: (t) => eldExtraSmall.detect(t).language || 'und' },
  { name: 'tinyld 1.3', detect: (t) => tinyld(t) || 'und' },
  { name: 'franc-min 6', detect: (t) => ISO3[franc(t, { minLength: 3 })] ?? 'und' },
];

export const task: EvalTask = {
  name: 'language',
  title: 'Language identification on short social texts (12 languages)',
  order: 20,
  async run() {
    const rows = load();
    const short = rows.filter((r) => r.text.length < 20);
    const languages = [...new Set(rows.map((r) => r.language))];
    console.log(`${rows.length} texts in ${languages.length} languages (${languages.join(', ')}); ${short.length} under 20 characters. Source: eval/data/language-id.tsv.\n`);
    const out: (string | number)[][] = [];
    for (const d of detectors) {
      // One warm-up pass so lazy loading does not count against the first detector's speed.
      for (const r of rows.slice(0, 10)) d.detect(r.text);
      const started = performance.now();
      const predicted = rows.map((r) => d.detect(r.text));
      const perSecond = rows.length / ((performance.now() - started) / 1000);
      const correct = predicted.filter((p, i) => p === rows[i]!.language).length;
      const und = predicted.filter((p) => p === 'und').length;
      const decided = predicted.length - und;
      const shortCorrect = rows.filter((r, i) => r.text.length < 20 && predicted[i] === r.language).length;
      out.push([d.name, correct / rows.length, shortCorrect / short.length, und / rows.length, decided ? correct / decided : 0, Math.round(perSecond)]);
    }
    console.log(table(['detector', 'accuracy', 'accuracy < 20 chars', "'und' share", 'accuracy when decided', 'texts/s'], out));

    // The channel hint: right hints should never be overridden; wrong ones (a user's interface
    // language, not the post's) should be overridden when the text clearly says otherwise.
    const right = rows.filter((r) => detectLanguage(r.text, r.language).language === r.language).length;
    const foreign = rows.filter((r) => r.language !== 'en');
    const wrongHintFixed = foreign.filter((r) => detectLanguage(r.text, 'en').language === r.language).length;
    console.log();
    console.log(
      table(
        ['hint', 'texts', 'earshot result = true language'],
        [
          ['right hint (the true language)', rows.length, right / rows.length],
          ["wrong hint ('en' on non-English texts)", foreign.length, wrongHintFixed / foreign.length],
        ],
      ),
    );
  },
};
