/** The dark palette's chunk (see theme.ts). */
import darkCss from './dark.css?inline';
import { adoptStyles } from './styles.ts';

adoptStyles(darkCss);
