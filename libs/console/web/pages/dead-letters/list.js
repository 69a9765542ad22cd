// The list of dead letters, newest first, as the filters in the address choose them; live (every
// 5 s) until the operator loads more pages; each letter opens its own view.
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, formatTime, Loading, useApi } from '../../components.js';
import { html } from '../../html.js';
import { BatchActions } from './batch.js';
import { FilterForm } from './filter-form.js';
import { describeUnreachable, filtersOf, letterPath, listLetters } from './letters-api.js';
import { StatusBadge } from './status-badge.js';

const LIVE_MS = 5000;

export function LetterList({ query, who }) {
  const filters = filtersOf(query);
  const filterKey = JSON.stringify(filters);
  const [more, setMore] = useState({ items: [], nextCursor: undefined });
  const [moreError, setMoreError] = useState(undefined);
  const first = useApi(() => listLetters(filters), [filterKey], more.items.length ? 0 : LIVE_MS);
  useEffect(() => setMore({ items: [], nextCursor: undefined }), [filterKey]);

  const items = [...(first.data?.items ?? []), ...more.items];
  const nextCursor = more.nextCursor !== undefined ? more.nextCursor : first.data?.nextCursor;
  const loadMore = async () => {
    setMoreError(undefined);
    try {
      const page = await listLetters(filters, nextCursor);
      setMore((m) => ({ items: [...m.items, ...page.items], nextCursor: page.nextCursor }));
    } catch (error) {
      setMoreError(error);
    }
  };
  const refresh = () => {
    setMore({ items: [], nextCursor: undefined });
    first.reload();
  };

  return html`<section aria-labelledby="dl-filters-heading">
      <h2 id="dl-filters-heading">Filters</h2>
      <${FilterForm} key=${filterKey} query=${query} contexts=${who.contexts} />
    </section>
    <section aria-labelledby="dl-list-heading">
      <h2 id="dl-list-heading">Letters</h2>
      <p class="toolbar">
        <button type="button" class="secondary" onClick=${refresh} disabled=${first.loading}>Refresh</button>
        <span class="muted" aria-live="polite">
          ${first.data ? `${items.length} shown${nextCursor ? ', more match' : ''}` : ''}
        </span>
      </p>
      <${ErrorNote} error=${first.error} />
      ${first.data?.unreachable?.length ? html`<p class="error" role="alert">${describeUnreachable(first.data.unreachable)}</p>` : null}
      ${!first.data && first.loading ? html`<${Loading} what="dead letters" />` : null}
      ${first.data && items.length === 0 ? html`<p>No dead letters match these filters.</p>` : null}
      ${items.length ? html`<${LetterTable} items=${items} query=${query} />` : null}
      ${nextCursor ? html`<button type="button" class="secondary" onClick=${loadMore}>Load more</button>` : null}
      <${ErrorNote} error=${moreError} />
    </section>
    <${BatchActions} query=${query} onDone=${refresh} />`;
}

function LetterTable({ items, query }) {
  const back = new URLSearchParams(filtersOf(query)).toString();
  return html`<table aria-label="Dead letters">
    <thead>
      <tr>
        <th scope="col">Letter</th>
        <th scope="col">Last failure</th>
        <th scope="col">Context / group</th>
        <th scope="col">Topic</th>
        <th scope="col">Key</th>
        <th scope="col">Error</th>
        <th scope="col" class="num">Attempts</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (l) =>
          html`<tr key=${`${l.context}/${l.id}`}>
            <td><a href=${`${letterPath(l)}${back ? `?${back}` : ''}`}>${l.context}/${l.id}</a></td>
            <td>${formatTime(l.lastFailedAt)}</td>
            <td>${l.context}${l.group === l.context ? '' : ` / ${l.group}`}</td>
            <td><code>${l.topic}</code></td>
            <td><code>${l.key ?? '—'}</code></td>
            <td><code>${l.errorCode}</code><br /><span class="dl-message">${clip(l.errorMessage, 120)}</span></td>
            <td class="num">${l.attempts}</td>
            <td><${StatusBadge} status=${l.status} /></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
