// COPY's text format, without a database: the service's threads render rows into it, and read values back out.

/** A value in COPY's text format: null as \N; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** The text of a non-null value `copyValue` escaped. */
export function copyUnescaped(escaped: string): string {
  return escaped.includes('\\')
    ? escaped.replace(/\\([\\tnr])/g, (_, c: string) =>
        c === '\\' ? '\\' : c === 't' ? '\t' : c === 'n' ? '\n' : '\r',
      )
    : escaped;
}
