/**
 * Hostile links and files for the Chromium fuzz suite (fuzz.test.ts), generated from the presets
 * with a seeded PRNG (src/engine/prng.ts): the same inputs on every run, so a failure reproduces.
 *
 * Each input says what must happen where that is certain from how it was made (`open`: a valid
 * link or file, however a mail mangled it; `refuse`: it cannot be a scenario; `ignore`: a fragment
 * with no `s=`), and `either` where a random edit may or may not leave a valid scenario. The suite
 * checks the invariants for every input whatever it expects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import LZString from 'lz-string';
import { seededRandom, type Scenario } from '../../src/engine';
import { encodeScenarioHash, parseScenario, toMinimalJson } from '../../src/share';
import { paths, setAt } from '../share/jsonPaths';

export type Expectation = 'open' | 'refuse' | 'either' | 'ignore';

export interface HostileLink {
  kind: string;
  /** Assigned to `location.hash` (the browser percent-encodes and drops line breaks as it does for a paste). */
  hash: string;
  expect: Expectation;
  /** For `open`: the title the playground must show. */
  title?: string;
  /** For `open`: the step asked for (the run may end before it); with `note`, the link's step is ignored. */
  at?: number;
  /** For `open`: a note must say what was wrong with the link (a bad `&at=`). */
  note?: boolean;
}

/** A file's bytes: text (UTF-8), base64 bytes, or pieces repeated (a bomb built in the page). */
export type FileBody = { text: string } | { base64: string } | { repeat: [string, number][] };

export interface HostileFile {
  kind: string;
  /** Unique: the refusal names the file, so the suite can tell one answer from the next. */
  name: string;
  body: FileBody;
  /** The file picker's change event, a dropped file, or dropped text (a link or a sentence). */
  via: 'input' | 'drop' | 'drop-text';
  expect: Expectation;
  title?: string;
}

const DIR = join(import.meta.dirname, '../../public/scenarios');

interface Preset {
  json: unknown;
  scenario: Scenario;
  title: string;
}

function loadPresets(): Preset[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const json: unknown = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
      const parsed = parseScenario(json);
      if (!parsed.ok) throw new Error(`${f}: ${parsed.message}`);
      return { json, scenario: parsed.scenario, title: parsed.scenario.title ?? 'VE Playground' };
    });
}

/** The title the playground shows for a scenario. */
function shownTitle(scenario: Scenario): string {
  return scenario.title ?? 'VE Playground';
}

const PAYLOAD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
/** Characters that can never be part of a payload and that no lenient rule removes. */
const FOREIGN = [...'!*~(_.:;@/[{|^`'];
const TRAILING = [
  '.',
  ',',
  ')',
  '>',
  '"',
  "'",
  ']',
  ';',
  '!',
  '?',
  ' ',
  '\n',
  '\r\n',
  '\t',
  ').',
  '">',
  '.\n',
];
const HOSTILE_AT = [
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '1e9x',
  '1.5',
  '0x10',
  '',
  '%20',
  '99999999999999',
  '1000000001',
  '٣',
  '１２',
  '5abc',
  '__proto__',
  '<script>',
  '9'.repeat(400),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 53,
  999_999_999,
  1e9 + 1,
  '',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u202Egnp.exe',
  '\u0000',
  '__proto__',
  '0x',
  '0xFFFFFFFFFFFFFFFFFFFF',
  '0x1001',
  [],
  {},
  [[[[[]]]]],
  'x'.repeat(5000),
  Array.from({ length: 60 }, () => ({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' })),
];
const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '\u202Eevil\u202C title',
  'مرحبا بالعالم',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧨🧨',
  'Z̸̡̢͉̞͇ͪ͒̇͟a̷̶̛̪͓̿l̸̸͚̻͊g̴o',
  'null\u0000byte',
  '\u200B\u200C\u200D\uFEFF',
  '"; DROP TABLE scenarios; --',
  '{{constructor.constructor("alert(1)")()}}',
];

export function generate(seed = 20200407): { links: HostileLink[]; files: HostileFile[] } {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const presets = loadPresets();
  const preset = () => pick(presets);
  const lz = (text: string) => LZString.compressToEncodedURIComponent(text);
  const payloads = new Map<Preset, string>();
  const payloadOf = (p: Preset): string => {
    let payload = payloads.get(p);
    if (payload === undefined) payloads.set(p, (payload = encodeScenarioHash(p.scenario).slice(3)));
    return payload;
  };
  const withVersion = (json: unknown, version: unknown) => ({ ...(json as object), version });

  const links: HostileLink[] = [];
  const add = (n: number, make: () => HostileLink) => {
    for (let i = 0; i < n; i++) links.push(make());
  };

  /** A mail's wrap of a link at 76 columns: plain, CRLF, reply-quoted, indented, quoted-printable. */
  const wrap = (text: string): string => {
    const style = int(5);
    const body = style === 4 ? text.replace(/=/g, '=3D') : text;
    const width = style === 4 ? 75 : 76;
    const lines: string[] = [];
    for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
    if (style === 0) return lines.join('\n');
    if (style === 1) return lines.join('\r\n');
    if (style === 2) return lines.map((l, i) => (i === 0 ? l : `> ${l}`)).join('\n');
    if (style === 3) return lines.map((l, i) => (i === 0 ? l : `    ${l}`)).join('\n');
    return lines.join('=\n');
  };

  add(15, () => {
    const p = preset();
    const at = int(40);
    return { kind: 'valid', hash: `#s=${payloadOf(p)}&at=${at}`, expect: 'open', title: p.title, at };
  });
  add(60, () => {
    const p = preset();
    const at = int(30);
    const tail = pick(TRAILING) + (rnd() < 0.3 ? pick(TRAILING) : '');
    const hash = `#s=${payloadOf(p)}${rnd() < 0.5 ? `&at=${at}` : ''}${tail}`;
    return {
      kind: 'trailing-punctuation',
      hash,
      expect: 'open',
      title: p.title,
      at: hash.includes('&at') ? at : 0,
    };
  });
  add(50, () => {
    const p = preset();
    const at = int(30);
    const hash = `#${wrap(`s=${payloadOf(p)}&at=${at}`)}${rnd() < 0.3 ? pick(TRAILING) : ''}`;
    return { kind: 'wrapped-76', hash, expect: 'open', title: p.title, at };
  });
  add(40, () => {
    const p = preset();
    const hash = `#s=${payloadOf(p)}&at=${pick(HOSTILE_AT)}`;
    return { kind: 'hostile-at', hash, expect: 'open', title: p.title, at: 0, note: true };
  });
  add(450, () => {
    const chars = [...payloadOf(preset())];
    for (let k = 1 + int(3); k > 0; k--) chars[1 + int(chars.length - 2)] = pick(FOREIGN);
    return { kind: 'mangled', hash: `#s=${chars.join('')}`, expect: 'refuse' };
  });
  add(350, () => {
    const payload = payloadOf(preset());
    return {
      kind: 'truncated',
      hash: `#s=${payload.slice(0, 1 + int(payload.length - 3))}`,
      expect: 'either',
    };
  });
  add(200, () => {
    const chars = [...payloadOf(preset())];
    for (let k = 1 + int(4); k > 0; k--) {
      const i = int(chars.length);
      chars[i] = PAYLOAD_ALPHABET[PAYLOAD_ALPHABET.indexOf(chars[i]!) ^ (1 << int(6))]!;
    }
    return { kind: 'bit-flipped', hash: `#s=${chars.join('')}`, expect: 'either' };
  });
  add(300, () => {
    const payload = payloadOf(preset());
    const odd = pick(['\u0000', '\u202E', '\u200B', '🧨', 'é', '\uD800', '\uFFFF', '\u0301', 'ß', '\u2028']);
    const i = 1 + int(payload.length - 2);
    return { kind: 'unicode', hash: `#s=${payload.slice(0, i)}${odd}${payload.slice(i)}`, expect: 'refuse' };
  });
  add(60, () => {
    const p = preset();
    const key = pick(['__proto__', 'constructor', 'prototype']);
    const text = JSON.stringify(p.json);
    const where = int(3);
    const injected =
      where === 0
        ? `{"${key}":{"polluted":true},${text.slice(1)}`
        : where === 1
          ? text.replace('"config":{', `"config":{"${key}":{"polluted":true},`)
          : text.replace('"tasks":[{', `"tasks":[{"${key}":{"prototype":{"polluted":true}},`);
    return { kind: 'prototype-keys', hash: `#s=${lz(injected)}`, expect: 'refuse' };
  });
  // Big payloads are compressed once each (lz-string takes ~7 µs a character) and sent with
  // several `&at=` values: the page decodes every one of them.
  const depths = [800, 3000, 12_000, 20_000];
  const deep = depths.map((depth, i) => {
    const inner = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return lz(
      i % 2 === 0 ? inner : `{"format":"ve-playground/scenario","version":1,"config":{"vcpus":${inner}}}`,
    );
  });
  add(20, () => ({ kind: 'deep-nesting', hash: `#s=${pick(deep)}&at=${int(1e6)}`, expect: 'refuse' }));
  const oversized = lz(
    JSON.stringify({
      ...(toMinimalJson(preset().scenario) as object),
      actions: Array.from({ length: 1500 }, (_, i) => ({ at: i, type: 'access', vcpu: 0, gpa: '0x2000' })),
    }),
  );
  add(20, () =>
    rnd() < 0.5
      ? { kind: 'oversized-payload', hash: `#s=${'A'.repeat(200_001 + int(20_000))}`, expect: 'refuse' }
      : { kind: 'oversized-decoded', hash: `#s=${oversized}&at=${int(1e6)}`, expect: 'refuse' },
  );
  add(60, () => {
    const p = preset();
    const version = pick<unknown>([0, 2, 5, 99, -1, 1.5, '1', null, 1e308]);
    const json =
      rnd() < 0.2 ? { ...(p.json as object), format: 've-playground/other' } : withVersion(p.json, version);
    return { kind: 'wrong-version', hash: `#s=${lz(JSON.stringify(json))}`, expect: 'refuse' };
  });
  add(250, () => {
    const p = preset();
    let value: unknown = p.json;
    for (let k = 1 + int(2); k > 0; k--) {
      const all = paths(value);
      value = setAt(value, pick(all.slice(1)), pick(HOSTILE_VALUES));
    }
    return {
      kind: 'hostile-field',
      hash: `#s=${lz(JSON.stringify(value) ?? 'null')}&at=${int(50)}`,
      expect: 'either',
    };
  });
  add(15, () => {
    const p = preset();
    const variant = int(5);
    const base = toMinimalJson(p.scenario) as Record<string, unknown>;
    const title = pick(HOSTILE_TEXT);
    const json =
      variant === 0
        ? { ...base, title }
        : variant === 1
          ? { ...base, title: 'T'.repeat(200), description: pick(HOSTILE_TEXT).repeat(10) }
          : variant === 2
            ? { ...base, title, narration: [{ at: 0, text: pick(HOSTILE_TEXT) }] }
            : variant === 3
              ? {
                  ...base,
                  title,
                  actions: [
                    ...((base.actions as unknown[]) ?? []),
                    { at: 999_999_999, type: 'access', vcpu: 0, gpa: '0x2000' },
                  ],
                }
              : { ...base, title, config: { ...(base.config as object), seed: 2 ** 32 - 1 } };
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new Error(`valid-hostile: ${parsed.message}`);
    const at = variant === 3 ? 999_999_999 : int(20);
    return {
      kind: 'valid-hostile',
      hash: encodeScenarioHash(parsed.scenario, at),
      expect: 'open',
      title: shownTitle(parsed.scenario),
      at,
    };
  });
  add(300, () => {
    const printable = () =>
      Array.from({ length: 1 + int(300) }, () => String.fromCharCode(33 + int(94))).join('');
    const style = int(5);
    const p = preset();
    const hash =
      style === 0
        ? `#s=${printable()}`
        : style === 1
          ? `#s=${Buffer.from(JSON.stringify(p.json)).toString('base64')}`
          : style === 2
            ? `#s=${JSON.stringify(p.json)}`
            : style === 3
              ? `#s=${encodeURIComponent(JSON.stringify(p.json))}`
              : `#s=${'s='.repeat(1 + int(5))}${printable()}`;
    return { kind: 'garbage', hash, expect: 'refuse' };
  });
  add(80, () => {
    const text = pick([
      'null',
      '[]',
      '"a string"',
      '42',
      '{}',
      '{"format":"ve-playground/scenario"}',
      '{"format":"ve-playground/scenario","version":1}',
      'not json at all',
      '{"format":"ve-playground/scenario","version":1,"config":{"vcpus":[]}}',
      '{"format":"ve-playground/scenario","version":1,"config":{"vcpus":[{"tasks":[{"name":"a"},{"name":"a"}]}]}}',
    ]);
    return { kind: 'lz-non-scenario', hash: `#s=${lz(text + ' '.repeat(int(4)))}`, expect: 'refuse' };
  });
  add(20, () => ({
    kind: 'no-scenario',
    hash: pick(['#at=5', '#x=1&y=2', '#foo', '#S=abc', '#&&&']) + '&n=' + int(1e6),
    expect: 'ignore',
  }));
  add(10, () => {
    const p = preset();
    const q = preset();
    const at = int(20);
    const hash =
      rnd() < 0.5 ? `#at=${at}&s=${payloadOf(p)}` : `#s=${payloadOf(p)}&at=${at}&s=${payloadOf(q)}`;
    return { kind: 'repeated-params', hash, expect: 'open', title: p.title, at };
  });

  // Shuffled (seeded) so that runs that open are spread among the refusals they must survive;
  // consecutive equal links would not fire hashchange, so duplicates go.
  const seen = new Set<string>();
  const unique = links.filter((l) => !seen.has(l.hash) && seen.add(l.hash));
  for (let i = unique.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  return { links: unique, files: generateFiles(rnd, presets) };
}

function generateFiles(rnd: () => number, presets: Preset[]): HostileFile[] {
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const preset = () => pick(presets);
  const files: HostileFile[] = [];
  let n = 0;
  const add = (
    count: number,
    make: () => Omit<HostileFile, 'name' | 'via'> & { ext?: string; via?: HostileFile['via'] },
  ) => {
    for (let i = 0; i < count; i++) {
      const { ext = 'json', via, ...file } = make();
      n++;
      files.push({
        ...file,
        name: `fuzz-${String(n).padStart(3, '0')}-${file.kind}.${ext}`,
        via: via ?? (n % 2 === 0 ? 'input' : 'drop'),
      });
    }
  };
  const bytes = (xs: ArrayLike<number>) => ({ base64: Buffer.from(Uint8Array.from(xs)).toString('base64') });
  const text = (p: Preset) => `${JSON.stringify(p.json, null, int(2) * 2)}\n`;
  const utf16 = (s: string, le: boolean, bom: boolean) => {
    const le16 = Buffer.from(s, 'utf16le');
    const out = le ? le16 : Buffer.from(le16.map((_, i) => le16[i ^ 1]!));
    const mark = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
    return { base64: Buffer.concat([Buffer.from(mark), out]).toString('base64') };
  };

  add(30, () => ({
    kind: 'binary',
    ext: 'bin',
    body: bytes(Array.from({ length: 1 + int(4096) }, () => int(256))),
    expect: 'refuse',
  }));
  add(10, () => {
    const magic = pick([
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
      [0x50, 0x4b, 0x03, 0x04],
      [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01],
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
    ]);
    return {
      kind: 'magic-header',
      ext: 'png',
      body: bytes([...magic, ...Array.from({ length: int(2000) }, () => int(256))]),
      expect: 'refuse',
    };
  });
  for (const body of [
    { text: '' },
    { text: '   ' },
    { text: '\n\n\r\n' },
    bytes([0xef, 0xbb, 0xbf]),
    bytes([0xff, 0xfe]),
    bytes([0xfe, 0xff]),
    bytes([0, 0, 0, 0]),
    bytes([0xff, 0xfe, 0x20, 0x00]),
    { text: '\t' },
    { text: '\uFEFF \n' },
  ]) {
    add(1, () => ({ kind: 'empty', body, expect: 'refuse' }));
  }
  add(20, () => {
    const p = preset();
    const withLink = rnd() < 0.4;
    const body = withLink
      ? `<!doctype html><a href="http://x/${encodeScenarioHash(p.scenario)}">the run</a>`
      : `<!doctype html><html><body><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">${pick(HOSTILE_TEXT)}</body></html>`;
    return { kind: 'html', ext: 'html', body: { text: body }, expect: withLink ? 'either' : 'refuse' };
  });
  add(5, () => ({
    kind: 'over-4MiB',
    body: {
      repeat: pick<[string, number][]>([
        [[' ', 4 * 1024 * 1024 + 1]],
        [
          ['{"a":', 1],
          ['0', 5 * 1024 * 1024],
          ['}', 1],
        ],
        [['\u0000', 4 * 1024 * 1024 + 7]],
      ]),
    },
    expect: 'refuse',
  }));
  add(1, () => {
    const p = preset();
    const t = JSON.stringify(p.json);
    return {
      kind: 'valid-padded-to-4MiB',
      body: {
        repeat: [
          [t, 1],
          [' ', 4 * 1024 * 1024 - Buffer.byteLength(t)],
        ],
      },
      expect: 'open',
      title: p.title,
    };
  });
  add(20, () => {
    const depth = 1000 + int(200_000);
    const bomb = pick<[string, number][]>([
      [
        ['[', depth],
        [']', depth],
      ],
      [
        ['{"a":', depth],
        ['0', 1],
        ['}', depth],
      ],
      [
        ['{"format":"ve-playground/scenario","version":1,"config":{"vcpus":', 1],
        ['[', depth],
        [']', depth],
        ['}}', 1],
      ],
      [
        ['[', 1],
        ['0,', 1_000_000],
        ['0]', 1],
      ],
      [
        ['{"format":"ve-playground/scenario","version":1,"title":"', 1],
        ['x', 3_000_000],
        ['","config":{"vcpus":[{"tasks":[{"name":"a"}]}]}}', 1],
      ],
      [
        [
          '{"format":"ve-playground/scenario","version":1,"config":{"vcpus":[{"tasks":[{"name":"a"}]}]},"actions":[',
          1,
        ],
        ['{"at":0,"type":"access","vcpu":0,"gpa":"0x2000"},', 80_000],
        ['{"at":0,"type":"access","vcpu":9,"gpa":"0x2000"}]}', 1],
      ],
    ]);
    return { kind: 'json-bomb', body: { repeat: bomb }, expect: 'refuse' };
  });
  add(15, () => ({
    kind: 'newer-version',
    body: { text: JSON.stringify({ ...(preset().json as object), version: 2 + int(50) }) },
    expect: 'refuse',
  }));
  add(10, () => ({
    kind: 'wrong-format',
    body: {
      text: JSON.stringify({
        ...(preset().json as object),
        format: pick(['ve-playground/scenarios', 'VE-PLAYGROUND/SCENARIO', '', null]),
      }),
    },
    expect: 'refuse',
  }));
  add(25, () => {
    const payload = encodeScenarioHash(preset().scenario).slice(3);
    const broken = rnd() < 0.5 ? payload.slice(0, int(payload.length - 5)) : payload.replace(/[A-Z]/, '!');
    return {
      kind: 'broken-link',
      ext: 'txt',
      body: { text: `Look at this run: http://127.0.0.1/#s=${broken}\n` },
      expect: broken.includes('!') ? 'refuse' : 'either',
    };
  });
  add(15, () => {
    const p = preset();
    const link = `http://127.0.0.1:5173/${encodeScenarioHash(p.scenario, int(10))}`;
    const lines: string[] = [];
    for (let i = 0; i < link.length; i += 76) lines.push(link.slice(i, i + 76));
    return {
      kind: 'mailed-link',
      ext: 'txt',
      body: { text: `<${lines.join('\n')}>.\n` },
      expect: 'open',
      title: p.title,
    };
  });
  add(25, () => {
    const p = preset();
    const le = rnd() < 0.5;
    const bom = rnd() < 0.6;
    return {
      kind: `utf16${le ? 'le' : 'be'}${bom ? '-bom' : ''}`,
      body: utf16(text(p), le, bom),
      expect: 'open',
      title: p.title,
    };
  });
  add(5, () => {
    const p = preset();
    return {
      kind: 'utf8-bom',
      body: {
        base64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(p))]).toString('base64'),
      },
      expect: 'open',
      title: p.title,
    };
  });
  add(20, () => {
    const p = preset();
    return { kind: 'valid', body: { text: text(p) }, expect: 'open', title: p.title };
  });
  add(8, () => {
    const p = preset();
    const title = pick(HOSTILE_TEXT);
    return {
      kind: 'valid-hostile-title',
      body: { text: JSON.stringify({ ...(p.json as object), title }) },
      expect: 'open',
      title,
    };
  });
  add(1, () => ({
    kind: 'valid-60000-actions',
    body: {
      repeat: [
        [
          '{"format":"ve-playground/scenario","version":1,"title":"sixty thousand","config":{"vcpus":[{"tasks":[{"name":"app"}]}],"pages":[{"gpa":"0x2000","backing":"swapped","latency":1}]},"actions":[',
          1,
        ],
        ['{"at":0,"type":"access","vcpu":0,"gpa":"0x2000"},', 59_999],
        ['{"at":0,"type":"access","vcpu":0,"gpa":"0x2000"}]}', 1],
      ],
    },
    expect: 'open',
    title: 'sixty thousand',
  }));
  add(30, () => {
    const p = preset();
    let value: unknown = p.json;
    const all = paths(value);
    value = setAt(value, pick(all.slice(1)), pick(HOSTILE_VALUES));
    return { kind: 'hostile-field', body: { text: JSON.stringify(value) ?? 'null' }, expect: 'either' };
  });
  add(10, () => {
    const key = pick(['__proto__', 'constructor']);
    return {
      kind: 'prototype-keys',
      body: { text: JSON.stringify(preset().json).replace('{', `{"${key}":{"polluted":true},`) },
      expect: 'refuse',
    };
  });
  add(40, () => {
    const p = preset();
    const style = int(4);
    const link = encodeScenarioHash(p.scenario);
    const body =
      style === 0
        ? pick([
            'just a sentence dragged from somewhere',
            'https://example.org/',
            pick(HOSTILE_TEXT),
            '#s=',
            's=!!!',
          ])
        : style === 1
          ? `http://127.0.0.1/${link}${pick(TRAILING)}`
          : style === 2
            ? `# a uri-list\r\nhttp://127.0.0.1/${link}`
            : `http://127.0.0.1/${link.slice(0, 10 + int(link.length - 20))}!`;
    const expect: Expectation =
      style === 1 ? 'open' : style === 3 ? 'refuse' : style === 2 ? 'either' : 'refuse';
    return {
      kind: 'dropped-text',
      ext: 'txt',
      body: { text: body },
      via: 'drop-text',
      expect,
      title: expect === 'open' ? p.title : undefined,
    };
  });
  return files;
}
