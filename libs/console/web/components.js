// Small pieces every page uses: loading and error states in words, polling, times and durations.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

/**
 * Calls `load` now, again whenever `deps` change, and every `everyMs` when given (the live pages);
 * keeps the last good data while a refresh runs or fails. `reload` asks again at once.
 */
export function useApi(load, deps = [], everyMs = 0) {
  const [state, setState] = useState({ data: undefined, error: undefined, loading: true });
  const latest = useRef(0);
  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load();
      if (ticket === latest.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (ticket === latest.current) setState((s) => ({ ...s, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    run();
    if (!everyMs) return undefined;
    const timer = setInterval(run, everyMs);
    return () => clearInterval(timer);
  }, [run, everyMs]);
  return { ...state, reload: run };
}

/** an error as a sentence, announced to screen readers */
export function ErrorNote({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.message ?? String(error)}</p>`;
}

export function Loading({ what = '' }) {
  return html`<p class="loading" aria-live="polite">Loading${what ? ` ${what}` : ''}…</p>`;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function formatDuration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** a button that runs `action`, is disabled while it runs and says what happened */
export function ActionButton({ action, children, confirm: question, class: className = '' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(undefined);
  const onClick = async () => {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`<span class="action">
    <button type="button" class=${className} disabled=${busy} onClick=${onClick}>${children}</button>
    <${ErrorNote} error=${error} />
  </span>`;
}
