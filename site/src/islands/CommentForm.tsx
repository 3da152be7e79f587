import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { ParticipantProfile } from '#shared/schemas/participant.ts';
import type { DiscussionKey, Messages } from '../i18n/island-keys.ts';
import type { CommentPosted } from '../lib/api-client.ts';
import { describedBy, Field, FormError, useSubmission } from './forms.tsx';
import { api } from './live.ts';

export type Option = { value: string; label: string };
export type ProfileOptions = { stakeholderType: Option[]; municipality: Option[]; ageBand: Option[] };
export type SectionOption = { id: string; label: string };

type Props = {
  lang: Language;
  m: Messages<DiscussionKey>;
  commitmentId: string;
  sections: SectionOption[];
  profileOptions: ProfileOptions;
  /** The profile the API holds, once known. */
  profile: ParticipantProfile | undefined;
  /** The section the comment targets ('' for the whole commitment); set from outside by the section links. */
  target: string;
  onTarget: (sectionId: string) => void;
  onPosted: (posted: CommentPosted, profile: ParticipantProfile) => void;
};

type ProfileField = keyof ParticipantProfile;
const PROFILE_FIELDS: readonly ProfileField[] = ['displayName', 'stakeholderType', 'municipality', 'ageBand'];
const KNOWN_FIELDS = ['body', 'sectionId', ...PROFILE_FIELDS];

type ProfileDraft = Record<ProfileField, string>;

function draftOf(profile: ParticipantProfile | undefined): ProfileDraft {
  return {
    displayName: profile?.displayName ?? '',
    stakeholderType: profile?.stakeholderType ?? '',
    municipality: profile?.municipality ?? '',
    ageBand: profile?.ageBand ?? '',
  };
}

function profileOf(draft: ProfileDraft): ParticipantProfile {
  const profile: Record<string, string> = {};
  for (const field of PROFILE_FIELDS) {
    const value = draft[field].trim();
    if (value) profile[field] = value;
  }
  return profile as ParticipantProfile;
}

/**
 * A top-level comment on the commitment or one of its sections, with the optional profile explained (why we ask,
 * that nothing is required). The profile is saved first when it changed, then the comment is posted with an
 * idempotency key that survives "try again".
 */
export function CommentForm({
  lang,
  m,
  commitmentId,
  sections,
  profileOptions,
  profile,
  target,
  onTarget,
  onPosted,
}: Props) {
  const [body, setBody] = useState('');
  const [draft, setDraft] = useState<ProfileDraft>(draftOf(profile));
  const [saved, setSaved] = useState<ProfileDraft>(draftOf(profile));
  const [profileOpen, setProfileOpen] = useState(false);
  const [done, setDone] = useState('');
  const submission = useSubmission(lang, m, KNOWN_FIELDS);
  const errors = submission.fields;

  useEffect(() => {
    setDraft(draftOf(profile));
    setSaved(draftOf(profile));
  }, [profile]);

  useEffect(() => {
    if (PROFILE_FIELDS.some((f) => errors[f])) setProfileOpen(true);
  }, [errors]);

  const send = async () => {
    setDone('');
    if (body.trim() === '') {
      submission.fail({ body: m['form.required'] });
      return;
    }
    const changed = PROFILE_FIELDS.some((f) => draft[f].trim() !== saved[f]);
    const profileNow = profileOf(draft);
    const posted = await submission.run(async (key) => {
      if (changed) {
        await api.saveProfile(profileNow);
        setSaved(draftOf(profileNow));
      }
      return api.postComment(commitmentId, { body, sectionId: target || undefined }, key);
    });
    if (!posted) return;
    setBody('');
    setDone(posted.status === 'published' ? m['form.published'] : m['form.pending']);
    onPosted(posted, profileNow);
  };

  const select = (field: Exclude<ProfileField, 'displayName'>, label: string, options: Option[]) => (
    <Field id={`cf-${field}`} label={label} error={errors[field]}>
      <select
        {...describedBy(`cf-${field}`, false, errors[field])}
        name={field}
        value={draft[field]}
        onChange={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
      >
        <option value="">{m['profile.notSay']}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form
      class="comment-form"
      noValidate
      aria-labelledby="cf-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <h3 id="cf-heading">{m['form.heading']}</h3>
      <Field id="cf-section" label={m['form.section']} error={errors.sectionId}>
        <select
          {...describedBy('cf-section', false, errors.sectionId)}
          name="sectionId"
          value={target}
          onChange={(event) => onTarget(event.currentTarget.value)}
        >
          <option value="">{m['form.whole']}</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="cf-body" label={m['form.body']} hint={m['form.bodyHint']} error={errors.body}>
        <textarea
          {...describedBy('cf-body', true, errors.body)}
          name="body"
          rows={5}
          maxLength={2000}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </Field>

      <details
        class="profile"
        open={profileOpen}
        onToggle={(event) => setProfileOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>{m['profile.summary']}</summary>
        <p class="profile__why">{m['profile.why']}</p>
        <Field
          id="cf-displayName"
          label={m['profile.displayName']}
          hint={m['profile.displayNameHint']}
          error={errors.displayName}
        >
          <input
            {...describedBy('cf-displayName', true, errors.displayName)}
            name="displayName"
            type="text"
            maxLength={60}
            autoComplete="nickname"
            value={draft.displayName}
            onInput={(event) => setDraft({ ...draft, displayName: event.currentTarget.value })}
          />
        </Field>
        {select('stakeholderType', m['profile.stakeholderType'], profileOptions.stakeholderType)}
        {select('municipality', m['profile.municipality'], profileOptions.municipality)}
        {select('ageBand', m['profile.ageBand'], profileOptions.ageBand)}
      </details>

      <FormError submission={submission} retryLabel={m['action.retry']} onRetry={() => void send()} />
      <button type="submit" class="button" aria-disabled={submission.pending ? 'true' : undefined}>
        {submission.pending ? m['action.sending'] : m['form.submit']}
      </button>
      <p role="status" class="form-done">
        {done}
      </p>
    </form>
  );
}
