import { FeedError } from './feed-error.ts';

/** An XML element: qualified name as written (`g:id`), attributes, children in order. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
  /** 1-based line of its start tag. */
  readonly line: number;
}

interface OpenElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: (XmlElement | string)[];
  readonly line: number;
}

// Sticky: matched at a position of the whole text, never on a copy of its rest.
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSE_END = /\s*>/y;

const matchAt = (pattern: RegExp, text: string, index: number): RegExpExecArray | null => {
  pattern.lastIndex = index;
  return pattern.exec(text);
};
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * A small, strict XML reader for product feeds: elements, attributes, text, CDATA, comments,
 * processing instructions and the five predefined entities plus character references. A DOCTYPE
 * is refused (entity expansion is how XML bombs work, and feeds never need one). Any
 * well-formedness error throws `FeedError` `feed_malformed` with its line. Pure.
 */
export function parseXml(text: string): XmlElement {
  let at = 0;
  // Lines are counted forward from the last position asked about: reading stays linear.
  let counted = 0;
  let countedLines = 1;
  const lineAt = (index: number): number => {
    if (index < counted) {
      counted = 0;
      countedLines = 1;
    }
    for (let i = text.indexOf('\n', counted); i !== -1 && i < index; i = text.indexOf('\n', i + 1))
      countedLines++;
    counted = index;
    return countedLines;
  };
  const fail = (message: string, index = at): never => {
    throw new FeedError('feed_malformed', `the XML is not well-formed: ${message}`, lineAt(index));
  };
  const decode = (raw: string, index: number): string =>
    raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (match, entity: string | undefined) => {
      if (entity === undefined) return fail('a bare "&" (write &amp;)', index);
      if (entity.startsWith('#')) {
        const code =
          entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        if (code > 0x10ffff) fail(`the character reference ${match} is out of range`, index);
        return String.fromCodePoint(code);
      }
      return ENTITIES[entity] ?? fail(`the entity ${match} is not defined`, index);
    });

  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  const append = (child: XmlElement | string) => {
    const parent = stack.at(-1);
    if (parent) parent.children.push(child);
    else if (typeof child === 'string') {
      if (child.trim() !== '') fail('text outside the root element');
    } else if (root) fail('a second root element');
    else root = child;
  };
  const skipPast = (end: string, what: string): string => {
    const close = text.indexOf(end, at);
    if (close === -1) fail(`an unclosed ${what}`);
    const body = text.slice(at, close);
    at = close + end.length;
    return body;
  };

  if (text.charCodeAt(0) === 0xfeff) at = 1;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt !== at) {
      const end = lt === -1 ? text.length : lt;
      append(decode(text.slice(at, end), at));
      at = end;
      continue;
    }
    if (text.startsWith('<!--', at)) {
      at += 4;
      skipPast('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', at)) {
      at += 9;
      if (stack.length === 0) fail('CDATA outside the root element');
      append(skipPast(']]>', 'CDATA section'));
    } else if (text.startsWith('<?', at)) {
      at += 2;
      skipPast('?>', 'processing instruction');
    } else if (text.startsWith('<!', at)) {
      fail('a DOCTYPE or other declaration (feeds need none; they are refused)');
    } else if (text.startsWith('</', at)) {
      const start = at;
      const name = matchAt(NAME, text, at + 2)?.[0] ?? fail('a closing tag without a name');
      at += 2 + name.length;
      const gt = matchAt(CLOSE_END, text, at) ?? fail(`the closing tag </${name} is not closed`);
      at += gt[0].length;
      const open = stack.pop() ?? fail(`</${name}> closes nothing`, start);
      if (open.name !== name) fail(`</${name}> closes <${open.name}> (line ${open.line})`, start);
      append({ ...open });
    } else {
      const start = at;
      const name = matchAt(NAME, text, at + 1)?.[0] ?? fail('a "<" that starts no tag');
      at += 1 + name.length;
      const attributes = new Map<string, string>();
      for (let match = matchAt(ATTRIBUTE, text, at); match; match = matchAt(ATTRIBUTE, text, at)) {
        attributes.set(match[1]!, decode(match[3] ?? match[4] ?? '', at));
        at += match[0].length;
      }
      const end = matchAt(TAG_END, text, at) ?? fail(`the tag <${name}> is not closed`);
      at += end[0].length;
      const element: OpenElement = { name, attributes, children: [], line: lineAt(start) };
      if (end[1]) append(element);
      else stack.push(element);
    }
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`<${unclosed.name}> (line ${unclosed.line}) is never closed`);
  return root ?? fail('no root element');
}

/** The text of an element's direct text and CDATA children, joined. */
export const textOf = (element: XmlElement): string =>
  element.children.filter((child) => typeof child === 'string').join('');
