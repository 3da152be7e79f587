import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ConsoleKey, Messages } from '../../i18n/island-keys.ts';
import { ApiError } from '../../lib/api-client.ts';
import {
  cognitoLogoutUrl,
  finishCognitoSignIn,
  type StaffMe,
  signOut,
  staff,
  startCognitoSignIn,
  storedToken,
} from '../../lib/staff-client.ts';
import { errorMessage, fill } from '../live.ts';
import type { Consultation } from './common.ts';
import { sectionsFor } from './sections.ts';

type Props = { lang: Language; consultations: Consultation[]; messages: Messages<ConsoleKey> };
type AuthConfig = Awaited<ReturnType<typeof staff.authConfig>>;

type Auth =
  | { kind: 'loading' }
  | { kind: 'signed-out'; config: AuthConfig | undefined }
  | { kind: 'ready'; me: StaffMe; config: AuthConfig | undefined }
  | { kind: 'error'; message: string };

/** The staff console: sign-in, then the sections (sections.ts) that the user's groups may open, as tabs. */
export default function Console({ lang, consultations, messages: m }: Props) {
  const [auth, setAuth] = useState<Auth>({ kind: 'loading' });
  const [consultationId, setConsultationId] = useState(consultations[0]?.id ?? '');
  const [sectionId, setSectionId] = useState('');
  const consultation = consultations.find((c) => c.id === consultationId) ?? consultations[0];

  const load = async () => {
    setAuth({ kind: 'loading' });
    let config: AuthConfig | undefined;
    try {
      config = await staff.authConfig();
      if (config.mode === 'cognito') {
        const back = await finishCognitoSignIn(config);
        if (back) {
          history.replaceState(null, '', back);
          setSectionId(location.hash.slice(1));
        }
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503)) {
        setAuth({ kind: 'error', message: errorMessage(error, lang, m) });
        return;
      }
    }
    if (!storedToken()) {
      setAuth({ kind: 'signed-out', config });
      return;
    }
    try {
      setAuth({ kind: 'ready', me: await staff.me(), config });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        signOut();
        setAuth({ kind: 'signed-out', config });
      } else setAuth({ kind: 'error', message: errorMessage(error, lang, m) });
    }
  };

  useEffect(() => {
    void load();
    const follow = () => setSectionId(location.hash.slice(1));
    follow();
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  if (auth.kind === 'loading') return <p class="muted">{m['live.loading']}</p>;
  if (auth.kind === 'error') {
    return (
      <div class="live-error" role="alert">
        <p>{auth.message}</p>
        <button type="button" class="button button--secondary" onClick={() => void load()}>
          {m['action.retry']}
        </button>
      </div>
    );
  }
  if (auth.kind === 'signed-out') {
    const config = auth.config;
    // Back to the same section after signing in.
    const here = location.pathname + location.hash;
    return (
      <section aria-labelledby="console-sign-in">
        <h2 id="console-sign-in">{m['console.signIn.heading']}</h2>
        <p>{m['console.signIn.intro']}</p>
        {config?.mode === 'local' && (
          <p>
            <a class="button" href={`${config.signInUrl}?return=${encodeURIComponent(here)}`}>
              {m['console.signIn.local']}
            </a>
          </p>
        )}
        {config?.mode === 'cognito' && (
          <button type="button" class="button" onClick={() => void startCognitoSignIn(config, here)}>
            {m['console.signIn.button']}
          </button>
        )}
        {!config && <p class="notice">{m['console.signIn.unavailable']}</p>}
      </section>
    );
  }

  const { me, config } = auth;
  const sections = sectionsFor(me.groups);
  const current = sections.find((s) => s.id === sectionId) ?? sections[0];
  const leave = () => {
    signOut();
    if (config?.mode === 'cognito') location.assign(cognitoLogoutUrl(config));
    else setAuth({ kind: 'signed-out', config });
  };

  return (
    <div class="console">
      <div class="console-bar">
        <p>{fill(m['console.signedInAs'], { name: me.username, groups: me.groups.join(', ') })}</p>
        <button type="button" class="button button--secondary" onClick={leave}>
          {m['console.signOut']}
        </button>
      </div>
      <div class="field">
        <label for="console-consultation">{m['console.consultation']}</label>
        <select
          id="console-consultation"
          value={consultationId}
          onChange={(e) => setConsultationId((e.target as HTMLSelectElement).value)}
        >
          {consultations.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      {sections.length > 1 && (
        <nav aria-label={m['console.sections']}>
          <ul class="console-tabs">
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`} aria-current={section.id === current?.id ? 'page' : undefined}>
                  {m[section.label]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {consultation && current && (
        <current.component
          key={`${current.id}-${consultation.id}`}
          lang={lang}
          m={m}
          consultation={consultation}
          groups={me.groups}
        />
      )}
      {sections.length === 0 && <p class="notice">{m['console.noRole']}</p>}
    </div>
  );
}
