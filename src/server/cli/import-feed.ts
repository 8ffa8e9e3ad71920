import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedLine, ImportReport } from '../../shared/garment-import.ts';
import { AssetStore } from '../garments/asset-store.ts';
import { FeedError } from '../garments/feed/feed-error.ts';
import { fetchFeed, isFeedUrl } from '../garments/feed/fetch-feed.ts';
import { importFeed } from '../garments/feed/import-feed.ts';
import { defaultDataDir } from '../storage/open.ts';
import type { AnalyticsRepository } from '../storage/repository.ts';
import { progressReporter } from './progress.ts';

export interface ImportFeedCliOptions {
  /** Private addresses images may come from (a local test server); default none. */
  readonly allowPrivateAddresses?: readonly string[];
  /** Where progress goes; default stderr, so that stdout is the report alone. */
  readonly progress?: Parameters<typeof progressReporter>[0];
}

/**
 * `npm run merchant -- import-feed <storefront> <feed file or URL>`: imports, in this process
 * (the route's job runs the same `runFeedImport`), drawing its progress; returns the report.
 */
export async function runImportFeed(
  repository: AnalyticsRepository,
  storefrontId: string,
  feedPath: string,
  options: ImportFeedCliOptions = {},
): Promise<string> {
  const allowPrivateAddresses = options.allowPrivateAddresses ?? [];
  const feed = isFeedUrl(feedPath)
    ? await fetchFeed(feedPath, { allowPrivateAddresses })
    : await readFile(feedPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new FeedError(
          'feed_unreadable',
          `${feedPath} cannot be read (${error.code ?? error.message})`,
        );
      });
  // The assets directory `npm start` serves (app.ts: `assets/` in the data dir).
  const assets = await new AssetStore(join(defaultDataDir(), 'assets')).open();
  const started = performance.now();
  const report = await importFeed({ assets, repository }, storefrontId, feed, {
    fetch: { allowPrivateAddresses },
    onProgress: progressReporter(options.progress ?? process.stderr),
  });
  const seconds = (performance.now() - started) / 1000;
  return formatImportReport(
    report,
    `${feedPath} into "${storefrontId}" in ${seconds.toFixed(1)} s`,
  );
}

const linesOf = ({ lines }: FeedLine): string =>
  lines.length === 0
    ? 'not in feed'
    : lines.length === 1
      ? `line ${lines[0]}`
      : `lines ${lines.join(',')}`;

/** One line per garment or skipped product, its warnings indented below it. */
export function formatImportReport(report: ImportReport, what: string): string {
  const rows = report.lines.map((line) => {
    const head = `${line.outcome.padEnd(9)}${linesOf(line).padEnd(14)}`;
    const garment = `${line.garmentId}  ${line.name} (${line.sizes.join(', ')})`;
    const body =
      line.outcome === 'skipped'
        ? `id ${line.ids.join(',') || '(none)'}  ${line.code}: ${line.message}`
        : line.outcome === 'vanished'
          ? `${garment}  ${line.code}: ${line.message}`
          : `${garment}${
              line.outcome === 'updated' ? (line.newVersion ? ', new image' : ', same image') : ''
            }`;
    const byCode = new Map<string, string[]>();
    for (const { code, message } of line.warnings)
      byCode.set(code, [...(byCode.get(code) ?? []), message]);
    const warnings = [...byCode].map(
      ([code, [message, ...more]]) =>
        `\n${' '.repeat(23)}warning ${code}: ${message}${more.length > 0 ? ` (and ${more.length} more)` : ''}`,
    );
    return `${head}${body}${warnings.join('')}`;
  });
  return [
    `Imported ${what}: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped, ${report.vanished} vanished.`,
    ...rows,
    ...(report.created > 0
      ? ['New garments are drafts: check them in /merchant/garments, then publish.']
      : []),
  ].join('\n');
}
