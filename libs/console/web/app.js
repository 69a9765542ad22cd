// The console's shell: log-in, navigation, and the page the address names.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call, LOGGED_OUT, session } from './api.js';
import { Loading } from './components.js';
import { html } from './html.js';
import { Login } from './login.js';
import { PAGES } from './pages/index.js';
import { useRoute } from './router.js';

function Console() {
  const [who, setWho] = useState(undefined);
  const [checking, setChecking] = useState(Boolean(session.token()));
  useEffect(() => {
    const logOut = () => {
      session.end();
      setWho(undefined);
    };
    window.addEventListener(LOGGED_OUT, logOut);
    // a reload keeps the tab's token: check it is still the platform's
    if (session.token()) {
      call('GET', '/admin/console/session')
        .then(setWho, () => session.end())
        .finally(() => setChecking(false));
    }
    return () => window.removeEventListener(LOGGED_OUT, logOut);
  }, []);
  if (checking) return html`<${Loading} what="the console" />`;
  if (!who) return html`<${Login} onLogin=${setWho} />`;
  return html`<${Shell} who=${who} onLogout=${() => (session.end(), setWho(undefined))} />`;
}

function Shell({ who, onLogout }) {
  const route = useRoute();
  const current = PAGES.find((p) => p.path === route.page) ?? PAGES[0];
  useEffect(() => {
    document.title = `${current.title} · Order platform console`;
    document.getElementById('page-heading')?.focus();
  }, [current]);
  return html`<a class="skip" href="#main" onClick=${skipToMain}>Skip to the page</a>
    <header>
      <span class="brand">Order platform</span>
      <nav aria-label="Console pages">
        <ul>
          ${PAGES.map(
            (p) =>
              html`<li><a href=${`#/${p.path}`} aria-current=${p === current ? 'page' : undefined}>${p.title}</a></li>`,
          )}
        </ul>
      </nav>
      <span class="who" title="the process serving this console and the contexts it runs">
        ${who.service} · ${who.contexts.join(', ')}
      </span>
      <button type="button" onClick=${onLogout}>Log out</button>
    </header>
    <main id="main" tabindex="-1">
      <h1 id="page-heading" tabindex="-1">${current.title}</h1>
      <${current.Page} route=${route} who=${who} />
    </main>`;
}

function skipToMain(event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

const root = document.getElementById('console');
// Preact renders beside what is already there: drop the page's "Loading the console…" first
root.replaceChildren();
render(html`<${Console} />`, root);
