import { render } from 'preact';
import { createMailbox } from './state/mailbox.ts';
import { App } from './ui/app.tsx';
import './mailbox.css';

const mailbox = createMailbox();
mailbox.start();
render(<App mailbox={mailbox} />, document.getElementById('app')!);
