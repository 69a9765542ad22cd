// The log-in: the admin token (ADMIN_TOKEN, or the one the platform printed at start), checked by
// the admin API before the console opens, and kept for this tab only (sessionStorage).
import { useState } from 'preact/hooks';
import { call, session } from './api.js';
import { ErrorNote } from './components.js';
import { html } from './html.js';

export function Login({ onLogin }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const who = await call('GET', '/admin/console/session', undefined, token.trim());
      session.start(token.trim());
      onLogin(who);
    } catch (e) {
      setError(e.status === 401 ? new Error('That is not this platform’s admin token.') : e);
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="login">
    <h1>Order platform console</h1>
    <form onSubmit=${submit}>
      <label for="token">Admin token</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="current-password"
        autofocus
        required
        value=${token}
        onInput=${(e) => setToken(e.currentTarget.value)}
      />
      <button type="submit" disabled=${busy}>Log in</button>
      <${ErrorNote} error=${error} />
      <p class="hint">
        The token is ADMIN_TOKEN, or the one the platform printed when it started (kept beside its data folder).
      </p>
    </form>
  </main>`;
}
