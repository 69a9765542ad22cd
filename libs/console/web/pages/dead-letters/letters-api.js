// The console's dead-letter API (/admin/console/dead-letters): the same calls as the platform's
// /admin/dead-letters, answered for every process of a split deployment, not only this one.
import { get, post } from '../../api.js';

export const API = '/admin/console/dead-letters';

/** the filters the list takes from the address, in the order the form shows them */
export const FILTERS = ['context', 'group', 'topic', 'errorCode', 'key', 'status', 'from', 'to'];

/** the filters of `query` that are set (the address may hold others) */
export function filtersOf(query) {
  return Object.fromEntries(FILTERS.filter((name) => query[name]).map((name) => [name, query[name]]));
}

/** what a batch acts on: the filters but the status (a batch takes pending letters only) */
export function batchFiltersOf(query) {
  return filtersOf({ ...query, status: undefined });
}

export const letterPath = (letter) =>
  `#/dead-letters/${encodeURIComponent(letter.context)}/${encodeURIComponent(letter.id)}`;

export const listLetters = (filters, cursor) => get(API, { ...filters, cursor });
export const countLetters = (filters) => get(`${API}/count`, filters);
export const showLetter = (context, id) => get(`${API}/${context}/${id}`);
export const redriveLetter = (context, id) => post(`${API}/${context}/${id}/redrive`);
export const discardLetter = (context, id, reason) => post(`${API}/${context}/${id}/discard`, { reason });
export const redriveMatching = (filters, limit) => post(`${API}/redrive`, { ...filters, limit });
export const discardMatching = (filters, reason, limit) => post(`${API}/discard`, { ...filters, reason, limit });

/** a letter's status as a badge, in words */
export const STATUS_WORDS = {
  pending: ['pending', 'warn'],
  resolved: ['resolved', 'ok'],
  redriven: ['re-driven, failed again', 'bad'],
  discarded: ['discarded', ''],
};

/** a re-drive's outcome as a sentence */
export function describeRedrive(result) {
  if (result.outcome === 'handled') return 'Re-driven: handled. The letter is resolved.';
  if (result.outcome === 'duplicate') {
    return 'Re-driven: the event had been handled already (the inbox had it), so nothing ran twice. The letter is resolved.';
  }
  return 'Re-driven: it failed again. A new letter records the new failure.';
}

/** peers of a split deployment that did not answer: their letters are missing from what is shown */
export function describeUnreachable(unreachable = []) {
  if (!unreachable.length) return '';
  return `Not shown: the letters of ${unreachable.map((u) => `${u.peer} (${u.error})`).join('; ')}.`;
}
