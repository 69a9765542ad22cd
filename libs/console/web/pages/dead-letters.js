// The Dead letters page: the list with its filters (#/dead-letters?status=pending&key=…), and one
// letter (#/dead-letters/<context>/<id>) with its event, its failure and what to do with it.
import { html } from '../html.js';
import { LetterView } from './dead-letters/letter.js';
import { LetterList } from './dead-letters/list.js';

export function DeadLettersPage({ route, who }) {
  const [context, id] = route.rest;
  if (context && id)
    return html`<${LetterView} key=${`${context}/${id}`} context=${context} id=${id} query=${route.query} />`;
  return html`<${LetterList} query=${route.query} who=${who} />`;
}
