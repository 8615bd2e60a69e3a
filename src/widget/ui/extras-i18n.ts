/** Imported by each lazily loaded extra (files, queue, department, survey, triggers): its English joins the dictionary. */
import { enExtras } from '../i18n/en-extras.ts';
import { addEnglish } from '../i18n/index.ts';

addEnglish(enExtras);
