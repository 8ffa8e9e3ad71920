import { FeedError } from './feed-error.ts';
import { parseXml, textOf, type XmlElement } from './xml.ts';

/** One product of a feed as written: attribute name (lower-case, no `g:`) → its values. */
export interface FeedRow {
  /** 1-based line of the TSV row or of the XML `<item>`/`<entry>`. */
  readonly line: number;
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

const GOOGLE_NS = 'http://base.google.com/ns/1.0';

/**
 * Reads a Google Merchant Center product feed, tab-separated or XML (RSS 2.0 `<item>`s or Atom
 * `<entry>`s with the `g:` namespace), into rows; which one is told by the first character.
 * Throws `FeedError` for a feed that cannot be read as a whole. Pure.
 */
export function parseFeedRows(text: string): FeedRow[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new FeedError('feed_empty', 'the feed is empty');
  const rows = body.trimStart().startsWith('<') ? xmlRows(body) : tsvRows(body);
  if (rows.length === 0)
    throw new FeedError('feed_no_products', 'the feed has a header but no products');
  return rows;
}

/** `image link`, `G:Image_Link` and `image_link` are one attribute. */
const attributeName = (raw: string): string =>
  raw
    .trim()
    .toLowerCase()
    .replace(/^g:/, '')
    .replace(/[\s-]+/g, '_');

/** A cell some exporters wrap in double quotes, with `""` for a quote inside. */
const unquote = (cell: string): string => {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replace(/""/g, '"')
    : trimmed;
};

function tsvRows(text: string): FeedRow[] {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const header = lines[headerIndex]!.split('\t').map((cell) => attributeName(unquote(cell)));
  if (!header.includes('id'))
    throw new FeedError(
      'feed_malformed',
      'the header has no "id" column (a tab-separated feed starts with a header row: id, title, price, image_link, …; or send RSS/XML)',
      headerIndex + 1,
    );
  const rows: FeedRow[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells.length > header.length)
      throw new FeedError(
        'feed_malformed',
        `${cells.length} tab-separated cells, the header has ${header.length} columns`,
        index + 1,
      );
    const fields = new Map<string, string[]>();
    cells.forEach((cell, column) => {
      const value = unquote(cell);
      if (value === '') return;
      const name = header[column]!;
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    rows.push({ line: index + 1, fields });
  }
  return rows;
}

const elements = (parent: XmlElement): XmlElement[] =>
  parent.children.filter((child) => typeof child !== 'string');

/** `xmlns:p` declarations of the element and those above it, innermost winning. */
function namespaces(chain: readonly XmlElement[]): Map<string, string> {
  const declared = new Map<string, string>();
  for (const element of chain)
    for (const [name, value] of element.attributes)
      if (name.startsWith('xmlns:')) declared.set(name.slice(6), value);
  return declared;
}

function xmlRows(text: string): FeedRow[] {
  const root = parseXml(text);
  let products: XmlElement[];
  let chain: XmlElement[];
  if (root.name === 'rss') {
    const channel = elements(root).find((element) => element.name === 'channel');
    if (!channel) throw new FeedError('feed_malformed', 'the RSS feed has no <channel>', root.line);
    products = elements(channel).filter((element) => element.name === 'item');
    chain = [root, channel];
  } else if (root.name === 'feed') {
    products = elements(root).filter((element) => element.name === 'entry');
    chain = [root];
  } else {
    throw new FeedError(
      'feed_malformed',
      `the XML root is <${root.name}>; a product feed is RSS 2.0 (<rss>) or Atom (<feed>)`,
      root.line,
    );
  }
  return products.map((product) => {
    const declared = namespaces([...chain, product]);
    const fields = new Map<string, string[]>();
    for (const child of elements(product)) {
      const colon = child.name.indexOf(':');
      const prefix = colon === -1 ? null : child.name.slice(0, colon);
      // Unprefixed elements are RSS/Atom's own (`title`, `link`); `g:` is Google's even when
      // an exporter forgot to declare it.
      const google =
        prefix === null ||
        declared.get(prefix) === GOOGLE_NS ||
        (prefix === 'g' && !declared.has('g'));
      const value = textOf(child).trim();
      if (!google || value === '') continue;
      const name = attributeName(child.name.slice(colon + 1));
      fields.set(name, [...(fields.get(name) ?? []), value]);
    }
    return { line: product.line, fields };
  });
}
