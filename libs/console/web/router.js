// Hash routes (#/orders/42?customer=c-1): the console is one page, every view has an address an
// operator can bookmark or paste, and the back button works.
import { useEffect, useState } from 'preact/hooks';

/** `#/dead-letters/payments/7?status=pending` → { page: 'dead-letters', rest: ['payments','7'], query } */
export function parseRoute(hash = window.location.hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, rest, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function routeTo(page, rest = [], query = {}) {
  const path = [page, ...rest].map(encodeURIComponent).join('/');
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  window.location.hash = `#/${path}${search.toString() ? `?${search}` : ''}`;
}

export function useRoute() {
  const [route, setRoute] = useState(parseRoute());
  useEffect(() => {
    const onChange = () => setRoute(parseRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
