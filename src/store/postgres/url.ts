/** `--db` / KAVAK_DB values that name a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The URL as it may be shown (logs, errors, `kavak db status`): the password becomes ***, and
 * a `password=` query parameter too. Anything that does not parse is hidden after the scheme.
 */
export function maskPostgresUrl(location: string): string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location.replace(/^(postgres(?:ql)?:\/\/).*$/i, '$1***');
  }
  if (url.password) url.password = '***';
  if (url.searchParams.has('password')) url.searchParams.set('password', '***');
  return url.toString();
}
