import { render } from 'preact';
import { App } from './app.js';
import '@zjmade/web-ui/base.css';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
