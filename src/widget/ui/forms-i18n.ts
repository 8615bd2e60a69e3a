/** Imported by each lazily loaded screen: its English strings join the dictionary before it renders. */
import { enForms } from '../i18n/en-forms.ts';
import { addEnglish } from '../i18n/index.ts';

addEnglish(enForms);
