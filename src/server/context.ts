/** What every route module is given: the data and the outside world it may touch. */
import type { Mailer } from './mail/mailer.ts';
import type { Store } from './store/store.ts';

export interface StandinContext {
  store: Store;
  mailer: Mailer;
}
