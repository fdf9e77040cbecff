/**
 * Stored conversations: one day at a time (the browser's time zone), or a
 * search across them; a transcript opens below its row. Messages are shown as
 * text, never as HTML.
 */
import { useState } from 'preact/hooks';
import { useLocation, useSearch } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import { useAccount, useClient } from '../../api/client-context';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { useResource } from '../../components/use-resource';
import { conversationsTexts } from '../../i18n/conversations-texts';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { addDays, browserTimeZone, today } from '../overview/period';

export function ConversationsView({ site }: { site: string }) {
  const texts = useTexts(conversationsTexts);
  const { account } = useAccount();
  if (!account.conversationsStored) {
    return (
      <section>
        <PageHeading title={texts.title} site={site} />
        <p class="alert alert--info">{texts.notStored}</p>
      </section>
    );
  }
  return <StoredConversations site={site} />;
}

function StoredConversations({ site }: { site: string }) {
  const texts = useTexts(conversationsTexts);
  const client = useClient();
  const format = useFormat();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const [timeZone] = useState(browserTimeZone);
  const q = (search.get('q') ?? '').trim().slice(0, 200);
  const askedDay = search.get('day') ?? '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(askedDay) ? askedDay : today(timeZone);
  const [draft, setDraft] = useState(q);
  const [open, setOpen] = useState<string | null>(null);
  const list = useResource(
    () => client.conversations(site, q ? { q } : { day, tz: timeZone }),
    [site, q, day, timeZone],
  );

  return (
    <section>
      <PageHeading title={texts.title} site={site} />
      <p class="muted">{texts.introShort}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not in Preact's JSX types; role="search" on the form is the same landmark. */}
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          navigate(text ? `/conversations?q=${encodeURIComponent(text)}` : '/conversations');
        }}
      >
        <div class="field field--inline">
          <label for="conversation-search">{texts.search}</label>
          <input
            id="conversation-search"
            type="search"
            maxLength={200}
            value={draft}
            aria-describedby="conversation-search-hint"
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button">
          {texts.searchButton}
        </button>
        <p id="conversation-search-hint" class="hint">
          {texts.searchHint}
        </p>
      </form>
      {q ? (
        <p class="day-pager">
          <strong>{formatText(texts.resultsFor, { q })}</strong>{' '}
          <button
            type="button"
            class="button button--quiet"
            onClick={() => {
              setDraft('');
              navigate('/conversations');
            }}
          >
            {texts.clearSearch}
          </button>
        </p>
      ) : (
        <div class="day-pager">
          <button
            type="button"
            class="button"
            onClick={() => navigate(`/conversations?day=${addDays(day, -1)}`)}
          >
            ← {texts.previousDay}
          </button>
          <label class="visually-hidden" for="conversation-day">
            {texts.day}
          </label>
          <input
            id="conversation-day"
            type="date"
            value={day}
            onChange={(event) => {
              const value = (event.currentTarget as HTMLInputElement).value;
              if (value) navigate(`/conversations?day=${value}`);
            }}
          />
          <button
            type="button"
            class="button"
            onClick={() => navigate(`/conversations?day=${addDays(day, 1)}`)}
          >
            {texts.nextDay} →
          </button>
        </div>
      )}
      {list.state === 'failed' && <LoadProblem error={list.error} onRetry={list.reload} />}
      {list.data === null && list.state === 'loading' && <Loading />}
      {list.data !== null && list.data.conversations.length === 0 && (
        <p class="empty">{q ? formatText(texts.noResults, { q }) : texts.empty}</p>
      )}
      <ul class="conversation-list">
        {(list.data?.conversations ?? []).map((conversation) => (
          <li key={conversation.id} class="card conversation">
            <button
              type="button"
              class="conversation__toggle"
              aria-expanded={open === conversation.id}
              aria-controls={`transcript-${conversation.id}`}
              onClick={() => setOpen(open === conversation.id ? null : conversation.id)}
            >
              <span class="conversation__preview">{conversation.preview || '…'}</span>
              <span class="muted small">
                <time dateTime={conversation.startedAt}>
                  {format.dateTime(conversation.startedAt)}
                </time>
                {' · '}
                {format.count(texts, 'messages', conversation.messages)}
              </span>
            </button>
            {open === conversation.id && <TranscriptView site={site} id={conversation.id} />}
          </li>
        ))}
      </ul>
      {list.data?.truncated && <p class="muted small">{texts.truncated}</p>}
    </section>
  );
}

function TranscriptView({ site, id }: { site: string; id: string }) {
  const texts = useTexts(conversationsTexts);
  const client = useClient();
  const format = useFormat();
  const transcript = useResource(() => client.transcript(site, id), [site, id]);
  return (
    <section id={`transcript-${id}`} class="transcript" aria-label={texts.transcript}>
      {transcript.state === 'failed' && (
        <LoadProblem error={transcript.error} onRetry={transcript.reload} />
      )}
      {transcript.data === null ? (
        transcript.state === 'loading' && <Loading />
      ) : (
        <ol class="transcript__messages">
          {transcript.data.messages.map((message) => (
            <li key={message.id} class={`bubble bubble--${message.from}`}>
              <span class="bubble__who">
                {message.from === 'visitor' ? texts.visitor : texts.bot}
                {' · '}
                <time dateTime={message.at}>{format.dateTime(message.at)}</time>
              </span>
              <p class="bubble__text">{message.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
