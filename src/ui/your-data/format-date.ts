/** A date in the visitor's language, as the data view writes it: "1 mars 2026", "1 March 2026". */
export function formatDate(iso: string, locale: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(iso),
  );
}
