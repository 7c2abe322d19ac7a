import { render } from 'preact';
import { finishCognitoSignIn, keepSession, type Session } from './auth.ts';
import { App } from './components/App.tsx';
import { loadConfig } from './config.ts';
import './styles.css';

async function boot(root: HTMLElement): Promise<void> {
  const config = await loadConfig();
  let session: Session | undefined;
  if (config.auth.kind === 'cognito') {
    session = await finishCognitoSignIn(config.auth, new URL(location.href));
    if (session) keepSession(session);
  }
  render(<App config={config} initialSession={session} />, root);
}

const root = document.getElementById('app')!;
boot(root).catch((error: Error) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `The console could not start: ${error.message}`;
  root.replaceChildren(p);
});
