// Re-drive or discard every pending letter the filters match: the count first, for the operator
// to confirm, then the summary the platform answers.
import { useState } from 'preact/hooks';
import { ActionButton, ErrorNote } from '../../components.js';
import { html } from '../../html.js';
import { batchFiltersOf, countLetters, describeUnreachable, discardMatching, redriveMatching } from './letters-api.js';
import { ReasonForm } from './reason-form.js';

/** the API's most per request and process; the oldest go first, the rest wait for the next run */
const BATCH_LIMIT = 500;

export function BatchActions({ query, onDone }) {
  const filters = batchFiltersOf(query);
  const [asking, setAsking] = useState(undefined); // { action, count }
  const [outcome, setOutcome] = useState(undefined);
  const [error, setError] = useState(undefined);

  const ask = async (action) => {
    setError(undefined);
    setOutcome(undefined);
    try {
      const { count } = await countLetters({ ...filters, status: 'pending' });
      setAsking({ action, count });
    } catch (e) {
      setError(e);
    }
  };
  const finish = (words) => {
    setAsking(undefined);
    setOutcome(words);
    onDone();
  };
  const redrive = async () => {
    const r = await redriveMatching(filters, BATCH_LIMIT);
    finish(
      `Re-drove ${r.redriven} letter(s): ${r.handled} handled, ${r.duplicates} handled already (inbox), ` +
        `${r.failedAgain} failed again. ${describeUnreachable(r.unreachable)}`,
    );
  };
  const discard = async (reason) => {
    const r = await discardMatching(filters, reason, BATCH_LIMIT);
    finish(`Discarded ${r.discarded} letter(s). ${describeUnreachable(r.unreachable)}`);
  };

  const described = Object.entries(filters)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const scope = described ? `the filters (${described})` : 'no filter: every pending letter';
  return html`<section aria-labelledby="dl-batch-heading">
    <h2 id="dl-batch-heading">All matching pending letters</h2>
    <p class="hint">
      ${`Acts on the pending letters that match ${scope}, oldest first, whatever the status filter says.`}
    </p>
    <span class="action">
      <button type="button" onClick=${() => ask('redrive')}>Re-drive all matching…</button>
      <button type="button" class="danger" onClick=${() => ask('discard')}>Discard all matching…</button>
    </span>
    ${asking ? html`<${Confirm} asking=${asking} onRedrive=${redrive} onDiscard=${discard} onCancel=${() => setAsking(undefined)} />` : null}
    ${outcome ? html`<p role="status" class="dl-outcome">${outcome}</p>` : null}
    <${ErrorNote} error=${error} />
  </section>`;
}

function Confirm({ asking, onRedrive, onDiscard, onCancel }) {
  const { action, count } = asking;
  const heading = `${count} pending letter(s) match.`;
  if (count === 0) {
    return html`<div role="group" aria-label="Confirm" class="dl-confirm">
      <p>No pending letters match: nothing to ${action === 'redrive' ? 're-drive' : 'discard'}.</p>
      <button type="button" class="secondary" onClick=${onCancel}>Close</button>
    </div>`;
  }
  const capped = count > BATCH_LIMIT ? ` The oldest ${BATCH_LIMIT} go now; run it again for the rest.` : '';
  if (action === 'redrive') {
    return html`<div role="group" aria-label="Confirm re-drive" class="dl-confirm">
      <p>${heading} Each runs through its consumer's handler again.${capped}</p>
      <span class="action">
        <${ActionButton} action=${onRedrive}>Re-drive ${count} letter(s)<//>
        <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
      </span>
    </div>`;
  }
  return html`<div role="group" aria-label="Confirm discard" class="dl-confirm">
    <p>${heading} Discarded letters are never handled.${capped}</p>
    <${ReasonForm}
      id="dl-batch-reason"
      submitLabel=${`Discard ${count} letter(s)`}
      onSubmit=${onDiscard}
      onCancel=${onCancel}
    />
  </div>`;
}
