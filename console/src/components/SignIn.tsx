import { useState } from 'preact/hooks';
import { type Session, signInWithPassword, startCognitoSignIn } from '../auth.ts';
import type { ConsoleConfig } from '../config.ts';
import type { Translate } from '../i18n.ts';
import { Notice } from './ui.tsx';

export function SignIn({ config, t, onSignedIn }: { config: ConsoleConfig; t: Translate; onSignedIn: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const auth = config.auth;

  if (auth.kind === 'cognito') {
    return (
      <section class="sign-in panel" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{t('signInTitle')}</h1>
        <button type="button" class="button" onClick={() => startCognitoSignIn(auth)}>
          {t('signInWithCognito')}
        </button>
      </section>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      onSignedIn(await signInWithPassword(auth.tokenUrl, username.trim(), password));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="sign-in panel" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('signInTitle')}</h1>
      {failed && <Notice kind="error">{t('signInFailed')}</Notice>}
      <form onSubmit={submit}>
        <div class="block">
          <label for="f-username">{t('username')}</label>
          <input id="f-username" name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </div>
        <div class="block">
          <label for="f-password">{t('password')}</label>
          <input id="f-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
