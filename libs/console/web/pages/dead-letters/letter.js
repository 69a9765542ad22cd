// One dead letter: where it came from, why it failed (the stack folded away), its event decoded,
// its headers, and the two things to do with a pending one: re-drive it or discard it.
import { useState } from 'preact/hooks';
import { ActionButton, ErrorNote, formatTime, Loading, useApi } from '../../components.js';
import { html } from '../../html.js';
import { describeRedrive, discardLetter, filtersOf, letterPath, redriveLetter, showLetter } from './letters-api.js';
import { ReasonForm } from './reason-form.js';
import { StatusBadge } from './status-badge.js';

export function LetterView({ context, id, query }) {
  const letter = useApi(() => showLetter(context, id), [context, id]);
  const [outcome, setOutcome] = useState(undefined); // { words, newLetter? }
  const back = new URLSearchParams(filtersOf(query)).toString();
  const l = letter.data;
  return html`<p><a href=${`#/dead-letters${back ? `?${back}` : ''}`}>← All dead letters</a></p>
    <${ErrorNote} error=${letter.error} />
    ${!l && letter.loading ? html`<${Loading} what=${`dead letter ${context}/${id}`} />` : null}
    ${
      l
        ? html`<section aria-labelledby="dl-letter-heading">
              <h2 id="dl-letter-heading">Letter ${l.context}/${l.id} <${StatusBadge} status=${l.status} /></h2>
              <${Facts} letter=${l} />
              ${
                l.status === 'pending'
                  ? html`<${Actions} letter=${l} onOutcome=${(o) => (setOutcome(o), letter.reload())} />`
                  : null
              }
              ${
                outcome
                  ? html`<p role="status" class="dl-outcome">
                      ${outcome.words}
                      ${
                        outcome.newLetter
                          ? html` <a href=${letterPath(outcome.newLetter)}
                              >Open letter ${outcome.newLetter.context}/${outcome.newLetter.id}</a
                            >`
                          : null
                      }
                    </p>`
                  : null
              }
            </section>
            <${Failure} letter=${l} />
            <${Event} letter=${l} />
            <${Headers} headers=${l.headers} />`
        : null
    }`;
}

function Facts({ letter: l }) {
  const rows = [
    ['Resolution', l.resolution ? `${l.resolution} (${formatTime(l.resolvedAt)})` : null],
    ['Context / consumer group', `${l.context} / ${l.group}`],
    ['Source', `${l.topic}, partition ${l.partition ?? '?'}, offset ${l.offset ?? '?'}`],
    ['Key', l.key],
    ['Event', [l.eventType, l.eventId].filter(Boolean).join(' ') || null],
    ['Attempts', String(l.attempts)],
    ['First failure', formatTime(l.firstFailedAt)],
    ['Last failure', formatTime(l.lastFailedAt)],
  ].filter(([, value]) => value);
  return html`<dl class="dl-facts">
    ${rows.map(
      ([name, value]) =>
        html`<dt>${name}</dt>
          <dd>${value}</dd>`,
    )}
    ${
      l.redrivenFrom
        ? html`<dt>Re-driven from</dt>
            <dd>
              <a href=${letterPath({ context: l.context, id: l.redrivenFrom })}>${l.context}/${l.redrivenFrom}</a>
            </dd>`
        : null
    }
  </dl>`;
}

function Actions({ letter: l, onOutcome }) {
  const [discarding, setDiscarding] = useState(false);
  const redrive = async () => {
    const result = await redriveLetter(l.context, l.id);
    onOutcome({
      words: describeRedrive(result),
      newLetter: result.newDeadLetterId ? { context: l.context, id: result.newDeadLetterId } : undefined,
    });
  };
  const discard = async (reason) => {
    await discardLetter(l.context, l.id, reason);
    setDiscarding(false);
    onOutcome({ words: `Discarded: ${reason}` });
  };
  return html`<div class="dl-actions">
    <span class="action">
      <${ActionButton} action=${redrive}>Re-drive<//>
      <button type="button" class="danger" aria-expanded=${discarding} onClick=${() => setDiscarding(!discarding)}>
        Discard…
      </button>
    </span>
    ${
      discarding
        ? html`<${ReasonForm}
            id="dl-reason"
            submitLabel="Discard this letter"
            onSubmit=${discard}
            onCancel=${() => setDiscarding(false)}
          />`
        : null
    }
  </div>`;
}

function Failure({ letter: l }) {
  return html`<section aria-labelledby="dl-error-heading">
    <h2 id="dl-error-heading">Error</h2>
    <p><code>${l.errorCode}</code>${l.errorClass ? html` <span class="muted">(${l.errorClass})</span>` : null}</p>
    <p class="dl-error-message">${l.errorMessage}</p>
    ${
      l.errorStack
        ? html`<details>
            <summary>Stack trace</summary>
            <pre>${l.errorStack}</pre>
          </details>`
        : null
    }
  </section>`;
}

function Event({ letter: l }) {
  const d = l.decoded;
  return html`<section aria-labelledby="dl-event-heading">
    <h2 id="dl-event-heading">Event</h2>
    ${
      d
        ? html`<p>
              <code>${d.type}</code>
              ${` v${d.version} from ${d.producer}, ${formatTime(d.occurredAt)}; correlation `}
              <code>${d.correlationId}</code>
            </p>
            <h3 id="dl-payload-heading">Payload</h3>
            <pre aria-labelledby="dl-payload-heading">${JSON.stringify(d.payload, null, 2)}</pre>`
        : html`<p class="error">The value cannot be decoded: ${l.decodeError}</p>`
    }
    <details>
      <summary>The value as stored (${l.valueBytes} bytes, base64)</summary>
      <pre>${l.valueBase64}</pre>
    </details>
  </section>`;
}

function Headers({ headers }) {
  return html`<section aria-labelledby="dl-headers-heading">
    <h2 id="dl-headers-heading">Headers</h2>
    <table aria-labelledby="dl-headers-heading">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        ${Object.entries(headers).map(
          ([name, value]) =>
            html`<tr>
              <td><code>${name}</code></td>
              <td><code>${value}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
