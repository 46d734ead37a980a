// Output formats of the CLI and their file extensions. Pure.

export const FORMATS = ['text', 'json', 'sarif', 'html', 'md', 'csv'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const EXTENSION: Record<OutputFormat, string> = { text: 'txt', json: 'json', sarif: 'sarif', html: 'html', md: 'md', csv: 'csv' };

/** The format an --out file name implies (`result.sarif` → sarif), if any. */
export function formatFromOut(out: string | undefined): OutputFormat | undefined {
  if (!out) return undefined;
  const ext = /\.([a-z]+)$/i.exec(out)?.[1]?.toLowerCase();
  if (ext === 'sarif' || (ext === 'json' && /\.sarif\.json$/i.test(out))) return 'sarif';
  return (Object.keys(EXTENSION) as OutputFormat[]).find((f) => EXTENSION[f] === ext || (f === 'md' && ext === 'markdown'));
}
