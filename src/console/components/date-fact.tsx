/**
 * One date in a description list (`<dl>`): the term, and the moment as a
 * `<time>` whose `datetime` is the ISO 8601 instant and whose text is the
 * console's locale and time zone (`useFormat().dateTime`).
 */
import { useFormat } from '../i18n/format';

export function DateFact({ term, at }: { term: string; at: string }) {
  const format = useFormat();
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        <time dateTime={at}>{format.dateTime(at)}</time>
      </dd>
    </div>
  );
}
