/**
 * Uploaded file names are labels, never paths: assets are stored under their content hash. A
 * name with a directory part, `..`, control characters or an odd character is refused rather than
 * silently cleaned, so the merchant sees what was wrong. Pure.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,127}$/;

export type NameProblem = 'empty' | 'path' | 'characters';

export function fileNameProblem(name: string): NameProblem | null {
  if (name.trim() === '') return 'empty';
  if (/[/\\]/.test(name) || name.split('.').every((part) => part === '') || name.includes('..'))
    return 'path';
  if (!SAFE_NAME.test(name)) return 'characters';
  return null;
}

/** A name safe to show and to log: path parts dropped, odd characters replaced. */
export function displayName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  return base.replace(/[^A-Za-z0-9 ._()+-]/g, '_').slice(0, 128) || 'file';
}
