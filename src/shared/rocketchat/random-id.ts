/** Meteor's id format, also used outside Rocket.Chat code: it lives in ../random-id.ts. */
export { isRandomId, randomId } from '../random-id.ts';
