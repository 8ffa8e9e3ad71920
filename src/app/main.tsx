import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installDebugApi } from './debug-api.ts';
import { TryOnSession } from './session.ts';
import { parseAppOptions } from './url-options.ts';
import './styles.css';

const options = parseAppOptions(location.search);
const video = Object.assign(document.createElement('video'), { className: 'stage-media' });
const session = new TryOnSession(video, options);
if (options.debug) installDebugApi(session);
if (options.qa) {
  void import('../qa/browser-harness.ts').then(({ createQaHarness }) => {
    window.fittingRoom!.qa = createQaHarness(options.model, options.delegate);
  });
}
addEventListener('pagehide', () => void session.close());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
