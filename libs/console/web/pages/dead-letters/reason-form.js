// Asks why letters are discarded (the API keeps the reason with each): a labelled field that
// takes the focus when it opens, instead of window.prompt.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote } from '../../components.js';
import { html } from '../../html.js';

export function ReasonForm({ id, submitLabel, onSubmit, onCancel }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(undefined);
  const field = useRef(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<form class="dl-reason" onSubmit=${submit}>
    <label for=${id}>Reason for discarding (kept with the letter)</label>
    <textarea
      id=${id}
      ref=${field}
      rows="2"
      required
      minlength="3"
      maxlength="1000"
      value=${reason}
      onInput=${(e) => setReason(e.currentTarget.value)}
    ></textarea>
    <span class="action">
      <button type="submit" class="danger" disabled=${busy}>${submitLabel}</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
    </span>
    <${ErrorNote} error=${error} />
  </form>`;
}
