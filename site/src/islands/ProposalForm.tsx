import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import { OGP_VALUES, type OgpValue, ORGANISATION_TYPES, type OrganisationType } from '#shared/vocabulary.ts';
import type { Messages, ProposalFormKey } from '../i18n/island-keys.ts';
import { newIdempotencyKey, type ProposalSubmission } from '../lib/api-client.ts';
import type { Option } from './CommentForm.tsx';
import { describedBy, Field, FormError, useSubmission } from './forms.tsx';
import { api, consultationNow, errorMessage, fieldErrors, fill, formatNumber } from './live.ts';

export type CommitmentChoice = { id: string; title: string; sections: { id: string; label: string }[] };

type Props = {
  lang: Language;
  consultationId: string;
  commitments: CommitmentChoice[];
  municipalities: Option[];
  /** The receipt page of this language; the token goes after `#`, so it never reaches a server log. */
  receiptPath: string;
  messages: Messages<ProposalFormKey>;
};

const STEPS = ['organisation', 'proposal', 'plan', 'documents', 'review'] as const;
type Step = (typeof STEPS)[number];
const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_MILESTONES = 10;
const MAX_LIST = 20;

type Milestone = { description: string; start: string; end: string; responsible: string };
type Attachment = { id: string; fileName: string; bytes: number };
type Draft = {
  step: number;
  kind: 'new-commitment' | 'amendment';
  commitmentId: string;
  sectionId: string;
  organisation: { name: string; type: string; municipality: string; registrationNumber: string };
  contact: { name: string; email: string; phone: string };
  title: string;
  problem: string;
  causes: string;
  objective: string;
  expectedResults: string;
  milestones: Milestone[];
  indicators: string[];
  leadInstitution: string;
  supportingActors: string[];
  ogpValues: string[];
  attachments: Attachment[];
  attachmentsPublic: boolean;
  /** Kept with the draft: a retry after a lost answer (even after a reload) submits once. */
  idempotencyKey: string;
};

const emptyMilestone = (): Milestone => ({ description: '', start: '', end: '', responsible: '' });
const emptyDraft = (): Draft => ({
  step: 0,
  kind: 'new-commitment',
  commitmentId: '',
  sectionId: '',
  organisation: { name: '', type: '', municipality: '', registrationNumber: '' },
  contact: { name: '', email: '', phone: '' },
  title: '',
  problem: '',
  causes: '',
  objective: '',
  expectedResults: '',
  milestones: [emptyMilestone()],
  indicators: [''],
  leadInstitution: '',
  supportingActors: [],
  ogpValues: [],
  attachments: [],
  attachmentsPublic: false,
  idempotencyKey: newIdempotencyKey(),
});

/** The step an API field path belongs to (`milestones.1.end` → plan). */
function stepOf(field: string): number {
  const head = field.split('.')[0] ?? '';
  if (['organisation', 'contact'].includes(head)) return 0;
  if (
    ['kind', 'commitmentId', 'sectionId', 'title', 'problem', 'causes', 'objective', 'expectedResults'].includes(head)
  )
    return 1;
  if (['milestones', 'indicators', 'leadInstitution', 'supportingActors', 'ogpValues'].includes(head)) return 2;
  if (['attachmentIds', 'attachmentsPublic', 'file', 'fileName', 'bytes'].includes(head)) return 3;
  return 4;
}

const fieldId = (field: string) => `pf-${field.replace(/\./g, '-')}`;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks a step passes before the next one (the API checks everything again, with the same field names). */
function checkStep(step: Step, d: Draft, m: Messages<ProposalFormKey>): Record<string, string> {
  const errors: Record<string, string> = {};
  const min = (field: string, value: string, n: number) => {
    const length = value.trim().length;
    if (length === 0) errors[field] = m['pform.required'];
    else if (length < n) errors[field] = fill(m['pform.tooShort'], { n });
  };
  if (step === 'organisation') {
    min('organisation.name', d.organisation.name, 2);
    if (!d.organisation.type) errors['organisation.type'] = m['pform.required'];
    if (!d.organisation.municipality) errors['organisation.municipality'] = m['pform.required'];
    min('contact.name', d.contact.name, 2);
    if (!EMAIL.test(d.contact.email.trim())) errors['contact.email'] = m['pform.email'];
  }
  if (step === 'proposal') {
    if (d.kind === 'amendment' && !d.commitmentId) errors.commitmentId = m['pform.required'];
    min('title', d.title, 5);
    min('problem', d.problem, 20);
    min('causes', d.causes, 10);
    min('objective', d.objective, 20);
    min('expectedResults', d.expectedResults, 10);
  }
  if (step === 'plan') {
    d.milestones.forEach((ms, i) => {
      min(`milestones.${i}.description`, ms.description, 3);
      if (!ms.start) errors[`milestones.${i}.start`] = m['pform.required'];
      if (!ms.end) errors[`milestones.${i}.end`] = m['pform.required'];
      else if (ms.start && ms.end < ms.start) errors[`milestones.${i}.end`] = m['pform.dates'];
      min(`milestones.${i}.responsible`, ms.responsible, 2);
    });
    d.indicators.forEach((text, i) => {
      min(`indicators.${i}`, text, 2);
    });
    min('leadInstitution', d.leadInstitution, 2);
    d.supportingActors.forEach((text, i) => {
      min(`supportingActors.${i}`, text, 2);
    });
    if (d.ogpValues.length === 0) errors.ogpValues = m['pform.chooseValue'];
  }
  return errors;
}

function submissionOf(d: Draft, consultationId: string): ProposalSubmission {
  const trim = (s: string) => s.trim();
  const amendment = d.kind === 'amendment';
  return {
    consultationId,
    kind: d.kind,
    ...(amendment && d.commitmentId ? { commitmentId: d.commitmentId } : {}),
    ...(amendment && d.commitmentId && d.sectionId ? { sectionId: d.sectionId } : {}),
    organisation: {
      name: trim(d.organisation.name),
      type: d.organisation.type as OrganisationType,
      municipality: d.organisation.municipality as ProposalSubmission['organisation']['municipality'],
      ...(trim(d.organisation.registrationNumber)
        ? { registrationNumber: trim(d.organisation.registrationNumber) }
        : {}),
    },
    contact: {
      name: trim(d.contact.name),
      email: trim(d.contact.email),
      ...(trim(d.contact.phone) ? { phone: trim(d.contact.phone) } : {}),
    },
    title: trim(d.title),
    problem: trim(d.problem),
    causes: trim(d.causes),
    objective: trim(d.objective),
    expectedResults: trim(d.expectedResults),
    milestones: d.milestones.map((ms) => ({
      description: trim(ms.description),
      start: ms.start,
      end: ms.end,
      responsible: trim(ms.responsible),
    })),
    indicators: d.indicators.map(trim),
    leadInstitution: trim(d.leadInstitution),
    supportingActors: d.supportingActors.map(trim),
    ogpValues: d.ogpValues as OgpValue[],
    attachmentIds: d.attachments.map((a) => a.id),
    attachmentsPublic: d.attachmentsPublic,
  };
}

const formatBytes = (lang: Language, bytes: number) =>
  `${formatNumber(lang, Math.max(0.1, Math.round(bytes / 104_857.6) / 10))} MB`;

/**
 * The proposal form for organisations: five steps on the OGP commitment template with help text, PDF attachments
 * uploaded one by one with progress, the draft kept in localStorage (a reload loses nothing), then the private
 * receipt link. Errors from the API land next to their fields, on their step.
 */
export default function ProposalForm({
  lang,
  consultationId,
  commitments,
  municipalities,
  receiptPath,
  messages: m,
}: Props) {
  const storageKey = `konsulto:proposal-draft:${consultationId}`;
  const [hydrated, setHydrated] = useState(false);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [restored, setRestored] = useState(false);
  const [notOpen, setNotOpen] = useState(false);
  const [uploads, setUploads] = useState<{ name: string; share: number }[]>([]);
  const [fileError, setFileError] = useState('');
  const [announce, setAnnounce] = useState('');
  const [receipt, setReceipt] = useState<string | undefined>();
  // Every field the API names is on one of the steps: the errors go next to them, the summary by the button.
  const submission = useSubmission(lang, m, () => true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    setHydrated(true);
    try {
      const saved = localStorage.getItem(storageKey);
      if (saved) {
        setDraft({ ...emptyDraft(), ...(JSON.parse(saved) as Partial<Draft>) });
        setRestored(true);
      }
    } catch {
      // No storage (private mode) or a damaged draft: start empty.
    }
    consultationNow(consultationId)
      .then((d) => setNotOpen(d.consultation.phase !== 'open'))
      .catch(() => {});
  }, [storageKey, consultationId]);

  const latest = useRef({ draft, save: false });
  latest.current = { draft, save: hydrated && !receipt };
  const saveDraft = () => {
    if (!latest.current.save) return;
    try {
      localStorage.setItem(storageKey, JSON.stringify(latest.current.draft));
    } catch {
      // Storage full or refused: the form still works, the draft is just not kept.
    }
  };

  useEffect(saveDraft, [draft, hydrated, receipt, storageKey]);

  // A refresh right after typing: the last keystroke may not have been rendered and saved yet, so save on leaving too.
  useEffect(() => {
    window.addEventListener('pagehide', saveDraft);
    return () => window.removeEventListener('pagehide', saveDraft);
  }, [storageKey]);

  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [draft.step]);

  if (!hydrated) return <div class="island-placeholder" />;

  const step = STEPS[draft.step] ?? 'organisation';
  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const goTo = (index: number) => {
    moved.current = true;
    update({ step: Math.max(0, Math.min(STEPS.length - 1, index)) });
  };
  const stepName = (s: Step) => m[`pform.step.${s}`];

  const next = () => {
    const found = checkStep(step, draft, m);
    setErrors(found);
    if (Object.keys(found).length === 0 && uploads.length === 0) goTo(draft.step + 1);
    else requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const send = async () => {
    for (const [i, s] of STEPS.entries()) {
      const found = checkStep(s, draft, m);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        goTo(i);
        return;
      }
    }
    setErrors({});
    let fieldProblems: Record<string, string> = {};
    const created = await submission.run(async () => {
      try {
        return await api.submitProposal(submissionOf(draft, consultationId), draft.idempotencyKey);
      } catch (error) {
        fieldProblems = fieldErrors(error, lang);
        throw error;
      }
    });
    if (!created) {
      const fields = Object.keys(fieldProblems);
      if (fields.length > 0) {
        setErrors(fieldProblems);
        goTo(Math.min(...fields.map(stepOf)));
      }
      return;
    }
    // The API's link is the receipt page with the token after `#`; keep the token, on this language's page.
    const token = created.receiptUrl.slice(created.receiptUrl.indexOf('#') + 1);
    setReceipt(`${receiptPath}#${token}`);
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing to clear.
    }
  };

  const addFiles = async (files: FileList | null) => {
    setFileError('');
    for (const file of Array.from(files ?? [])) {
      if (draft.attachments.length + uploads.length >= MAX_FILES) {
        setFileError(m['pform.tooMany']);
        return;
      }
      if (!/\.pdf$/i.test(file.name) || (file.type && file.type !== 'application/pdf')) {
        setFileError(m['pform.notPdf']);
        continue;
      }
      if (file.size > MAX_FILE_BYTES) {
        setFileError(m['pform.tooBig']);
        continue;
      }
      const progress = (share: number) =>
        setUploads((list) => list.map((u) => (u.name === file.name ? { ...u, share } : u)));
      setUploads((list) => [...list, { name: file.name, share: 0 }]);
      try {
        const form = await api.uploadForm({ fileName: file.name, bytes: file.size });
        await api.upload(form, file, progress);
        setDraft((d) => ({
          ...d,
          attachments: [...d.attachments, { id: form.attachmentId, fileName: file.name, bytes: file.size }],
        }));
        setAnnounce(fill(m['pform.uploaded'], { name: file.name }));
      } catch (error) {
        const problems = Object.values(fieldErrors(error, lang));
        setFileError(problems.length > 0 ? problems.join(' ') : errorMessage(error, lang, m));
      } finally {
        setUploads((list) => list.filter((u) => u.name !== file.name));
      }
    }
  };

  /* ---- small renderers ---- */

  const text = (
    field: string,
    label: string,
    value: string,
    set: (value: string) => void,
    options: {
      hint?: string;
      rows?: number;
      type?: string;
      autoComplete?: string;
      optional?: boolean;
      max?: number;
    } = {},
  ) => {
    const id = fieldId(field);
    const props = {
      ...describedBy(id, options.hint !== undefined, errors[field]),
      name: field,
      value,
      maxLength: options.max ?? (options.rows ? 5000 : 200),
      onInput: (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => set(event.currentTarget.value),
    };
    return (
      <Field
        id={id}
        label={options.optional ? `${label} ${m['pform.optional']}` : label}
        hint={options.hint}
        error={errors[field]}
      >
        {options.rows ? (
          <textarea {...props} rows={options.rows} />
        ) : (
          <input {...props} type={options.type ?? 'text'} autoComplete={options.autoComplete ?? 'off'} />
        )}
      </Field>
    );
  };

  const select = (field: string, label: string, value: string, set: (v: string) => void, options: Option[]) => {
    const id = fieldId(field);
    return (
      <Field id={id} label={label} error={errors[field]}>
        <select
          {...describedBy(id, false, errors[field])}
          name={field}
          value={value}
          onChange={(event) => set(event.currentTarget.value)}
        >
          <option value="">{m['pform.choose']}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const list = (
    field: 'indicators' | 'supportingActors',
    items: string[],
    labels: { item: ProposalFormKey; add: ProposalFormKey; remove: ProposalFormKey },
    minimum: number,
  ) => (
    <>
      {items.map((value, i) => (
        <div class="list-row" key={i}>
          {text(
            `${field}.${i}`,
            fill(m[labels.item], { n: i + 1 }),
            value,
            (v) => update({ [field]: items.map((x, j) => (j === i ? v : x)) }),
            { max: field === 'indicators' ? 500 : 200 },
          )}
          {items.length > minimum && (
            <button
              type="button"
              class="button button--secondary"
              onClick={() => update({ [field]: items.filter((_, j) => j !== i) })}
            >
              {fill(m[labels.remove], { n: i + 1 })}
            </button>
          )}
        </div>
      ))}
      {items.length < MAX_LIST && (
        <button type="button" class="button button--secondary" onClick={() => update({ [field]: [...items, ''] })}>
          {m[labels.add]}
        </button>
      )}
    </>
  );

  const commitment = commitments.find((c) => c.id === draft.commitmentId);
  const orgTypes = ORGANISATION_TYPES.map((value) => ({
    value,
    label: m[`orgType.${value}`],
  }));

  if (receipt) {
    const absolute = new URL(receipt, location.href).href;
    return (
      <div class="proposal-sent" role="status">
        <h2>{m['pform.sent']}</h2>
        <p>{m['pform.receiptHint']}</p>
        <p class="receipt-link">
          <a href={receipt} data-receipt-link>
            {m['pform.openReceipt']}
          </a>
        </p>
        <p class="receipt-url">
          <code>{absolute}</code>
        </p>
      </div>
    );
  }

  return (
    <form
      class="proposal-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (step === 'review') void send();
        else next();
      }}
    >
      {notOpen && <p class="notice">{m['pform.notOpen']}</p>}
      {restored && (
        <div class="notice">
          <p>{m['pform.draftRestored']}</p>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setDraft(emptyDraft());
              setErrors({});
              setRestored(false);
            }}
          >
            {m['pform.startOver']}
          </button>
        </div>
      )}
      <nav aria-label={m['pform.steps']}>
        <ol class="steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={i === draft.step ? 'step' : undefined}
              class={i < draft.step ? 'done' : undefined}
            >
              {stepName(s)}
            </li>
          ))}
        </ol>
      </nav>
      <h2 ref={heading} tabIndex={-1} class="step-heading">
        {fill(m['pform.stepOf'], { n: draft.step + 1, total: STEPS.length, name: stepName(step) })}
      </h2>

      {step === 'organisation' && (
        <>
          {text(
            'organisation.name',
            m['pform.org.name'],
            draft.organisation.name,
            (v) => update({ organisation: { ...draft.organisation, name: v } }),
            { hint: m['pform.org.nameHint'], autoComplete: 'organization' },
          )}
          {select(
            'organisation.type',
            m['pform.org.type'],
            draft.organisation.type,
            (v) => update({ organisation: { ...draft.organisation, type: v } }),
            orgTypes,
          )}
          {select(
            'organisation.municipality',
            m['pform.org.municipality'],
            draft.organisation.municipality,
            (v) => update({ organisation: { ...draft.organisation, municipality: v } }),
            [{ value: 'national', label: m['pform.national'] }, ...municipalities],
          )}
          {text(
            'organisation.registrationNumber',
            m['pform.org.registration'],
            draft.organisation.registrationNumber,
            (v) => update({ organisation: { ...draft.organisation, registrationNumber: v } }),
            { hint: m['pform.org.registrationHint'], optional: true, max: 50 },
          )}
          <fieldset class="group">
            <legend>{m['pform.contact']}</legend>
            <p class="field__hint">{m['pform.contactHint']}</p>
            {text(
              'contact.name',
              m['pform.contact.name'],
              draft.contact.name,
              (v) => update({ contact: { ...draft.contact, name: v } }),
              { autoComplete: 'name', max: 120 },
            )}
            {text(
              'contact.email',
              m['pform.contact.email'],
              draft.contact.email,
              (v) => update({ contact: { ...draft.contact, email: v } }),
              { type: 'email', autoComplete: 'email', max: 254 },
            )}
            {text(
              'contact.phone',
              m['pform.contact.phone'],
              draft.contact.phone,
              (v) => update({ contact: { ...draft.contact, phone: v } }),
              { type: 'tel', autoComplete: 'tel', optional: true, max: 24 },
            )}
          </fieldset>
        </>
      )}

      {step === 'proposal' && (
        <>
          <fieldset class="group">
            <legend>{m['pform.kind']}</legend>
            {(['new-commitment', 'amendment'] as const).map((kind) => (
              <label key={kind} class="choice">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={draft.kind === kind}
                  onChange={() => update({ kind })}
                />{' '}
                {m[`pform.kind.${kind}`]}
              </label>
            ))}
          </fieldset>
          {draft.kind === 'amendment' && (
            <>
              {select(
                'commitmentId',
                m['pform.commitment'],
                draft.commitmentId,
                (v) => update({ commitmentId: v, sectionId: '' }),
                commitments.map((c) => ({ value: c.id, label: c.title })),
              )}
              {commitment &&
                select(
                  'sectionId',
                  `${m['pform.section']} ${m['pform.optional']}`,
                  draft.sectionId,
                  (v) => update({ sectionId: v }),
                  commitment.sections.map((s) => ({ value: s.id, label: s.label })),
                )}
            </>
          )}
          {text('title', m['pform.titleField'], draft.title, (v) => update({ title: v }), {
            hint: m['pform.titleHint'],
          })}
          {text('problem', m['pform.problem'], draft.problem, (v) => update({ problem: v }), {
            hint: m['pform.problemHint'],
            rows: 5,
          })}
          {text('causes', m['pform.causes'], draft.causes, (v) => update({ causes: v }), {
            hint: m['pform.causesHint'],
            rows: 4,
          })}
          {text('objective', m['pform.objective'], draft.objective, (v) => update({ objective: v }), {
            hint: m['pform.objectiveHint'],
            rows: 4,
          })}
          {text(
            'expectedResults',
            m['pform.expectedResults'],
            draft.expectedResults,
            (v) => update({ expectedResults: v }),
            {
              hint: m['pform.expectedResultsHint'],
              rows: 4,
            },
          )}
        </>
      )}

      {step === 'plan' && (
        <>
          <fieldset class="group">
            <legend>{m['pform.milestones']}</legend>
            <p class="field__hint">{m['pform.milestonesHint']}</p>
            {draft.milestones.map((ms, i) => {
              const set = (change: Partial<Milestone>) =>
                update({ milestones: draft.milestones.map((x, j) => (j === i ? { ...x, ...change } : x)) });
              return (
                <fieldset class="group milestone" key={i}>
                  <legend>{fill(m['pform.milestone'], { n: i + 1 })}</legend>
                  {text(
                    `milestones.${i}.description`,
                    m['pform.milestone.description'],
                    ms.description,
                    (v) => set({ description: v }),
                    { rows: 2, max: 1000 },
                  )}
                  <div class="date-pair">
                    {text(`milestones.${i}.start`, m['pform.milestone.start'], ms.start, (v) => set({ start: v }), {
                      type: 'date',
                    })}
                    {text(`milestones.${i}.end`, m['pform.milestone.end'], ms.end, (v) => set({ end: v }), {
                      type: 'date',
                    })}
                  </div>
                  {text(`milestones.${i}.responsible`, m['pform.milestone.responsible'], ms.responsible, (v) =>
                    set({ responsible: v }),
                  )}
                  {draft.milestones.length > 1 && (
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => update({ milestones: draft.milestones.filter((_, j) => j !== i) })}
                    >
                      {fill(m['pform.removeMilestone'], { n: i + 1 })}
                    </button>
                  )}
                </fieldset>
              );
            })}
            {draft.milestones.length < MAX_MILESTONES && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => update({ milestones: [...draft.milestones, emptyMilestone()] })}
              >
                {m['pform.addMilestone']}
              </button>
            )}
          </fieldset>
          <fieldset class="group">
            <legend>{m['pform.indicators']}</legend>
            <p class="field__hint">{m['pform.indicatorsHint']}</p>
            {list(
              'indicators',
              draft.indicators,
              { item: 'pform.indicator', add: 'pform.addIndicator', remove: 'pform.removeIndicator' },
              1,
            )}
          </fieldset>
          {text(
            'leadInstitution',
            m['pform.leadInstitution'],
            draft.leadInstitution,
            (v) => update({ leadInstitution: v }),
            {
              hint: m['pform.leadInstitutionHint'],
            },
          )}
          <fieldset class="group">
            <legend>{`${m['pform.supportingActors']} ${m['pform.optional']}`}</legend>
            {list(
              'supportingActors',
              draft.supportingActors,
              { item: 'pform.actor', add: 'pform.addActor', remove: 'pform.removeActor' },
              0,
            )}
          </fieldset>
          <fieldset
            class={`group${errors.ogpValues ? ' field--invalid' : ''}`}
            aria-describedby={errors.ogpValues ? 'pf-ogpValues-error' : 'pf-ogpValues-hint'}
          >
            <legend>{m['pform.ogpValues']}</legend>
            <p class="field__hint" id="pf-ogpValues-hint">
              {m['pform.ogpValuesHint']}
            </p>
            {OGP_VALUES.map((value) => (
              <label key={value} class="choice">
                <input
                  type="checkbox"
                  name="ogpValues"
                  value={value}
                  checked={draft.ogpValues.includes(value)}
                  onChange={(event) =>
                    update({
                      ogpValues: event.currentTarget.checked
                        ? [...draft.ogpValues, value]
                        : draft.ogpValues.filter((v) => v !== value),
                    })
                  }
                />{' '}
                {m[`ogp.${value}`]}
              </label>
            ))}
            {errors.ogpValues && (
              <p class="field-error" id="pf-ogpValues-error">
                {errors.ogpValues}
              </p>
            )}
          </fieldset>
        </>
      )}

      {step === 'documents' && (
        <>
          <div class="field">
            <label for="pf-file">{m['pform.fileInput']}</label>
            <p class="field__hint" id="pf-file-hint">
              {m['pform.filesHint']}
            </p>
            <input
              id="pf-file"
              type="file"
              accept="application/pdf,.pdf"
              multiple
              aria-describedby={fileError ? 'pf-file-hint pf-file-error' : 'pf-file-hint'}
              disabled={draft.attachments.length >= MAX_FILES}
              onChange={(event) => {
                const input = event.currentTarget;
                void addFiles(input.files).then(() => {
                  input.value = '';
                });
              }}
            />
            {fileError && (
              <p class="field-error" id="pf-file-error" role="alert">
                {fileError}
              </p>
            )}
          </div>
          {uploads.map((u) => (
            <div class="upload" key={u.name}>
              <label>
                {fill(m['pform.uploading'], { name: u.name })}{' '}
                <progress max={100} value={Math.round(u.share * 100)}>
                  {Math.round(u.share * 100)}%
                </progress>
              </label>
            </div>
          ))}
          {draft.attachments.length > 0 && (
            <ul class="files">
              {draft.attachments.map((a, i) => (
                <li key={a.id}>
                  <span>
                    {a.fileName} ({formatBytes(lang, a.bytes)})
                  </span>
                  {errors[`attachmentIds.${i}`] && <span class="field-error">{errors[`attachmentIds.${i}`]}</span>}
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => update({ attachments: draft.attachments.filter((x) => x.id !== a.id) })}
                  >
                    {fill(m['pform.removeFile'], { name: a.fileName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label class="choice">
            <input
              type="checkbox"
              name="attachmentsPublic"
              checked={draft.attachmentsPublic}
              onChange={(event) => update({ attachmentsPublic: event.currentTarget.checked })}
            />{' '}
            {m['pform.filesPublic']}
          </label>
          <p role="status" class="visually-hidden">
            {announce}
          </p>
        </>
      )}

      {step === 'review' && (
        <Review
          draft={draft}
          m={m}
          commitment={commitment}
          municipalities={municipalities}
          orgTypes={orgTypes}
          lang={lang}
          goTo={goTo}
        />
      )}

      <FormError submission={submission} retryLabel={m['action.retry']} onRetry={() => void send()} />
      <div class="button-row step-buttons">
        {draft.step > 0 && (
          <button type="button" class="button button--secondary" onClick={() => goTo(draft.step - 1)}>
            {m['pform.back']}
          </button>
        )}
        <button
          type="submit"
          class="button"
          aria-disabled={submission.pending || uploads.length > 0 ? 'true' : undefined}
        >
          {step === 'review' ? (submission.pending ? m['action.sending'] : m['pform.submit']) : m['pform.next']}
        </button>
      </div>
    </form>
  );
}

function Review({
  draft: d,
  m,
  commitment,
  municipalities,
  orgTypes,
  lang,
  goTo,
}: {
  draft: Draft;
  m: Messages<ProposalFormKey>;
  commitment: CommitmentChoice | undefined;
  municipalities: Option[];
  orgTypes: Option[];
  lang: Language;
  goTo: (step: number) => void;
}) {
  const labelOf = (options: Option[], value: string) => options.find((o) => o.value === value)?.label ?? value;
  const place =
    d.organisation.municipality === 'national'
      ? m['pform.national']
      : labelOf(municipalities, d.organisation.municipality);
  const or = (value: string) => value.trim() || m['pform.none'];
  const rows: [Step, [string, string][]][] = [
    [
      'organisation',
      [
        [m['pform.org.name'], d.organisation.name],
        [m['pform.org.type'], labelOf(orgTypes, d.organisation.type)],
        [m['pform.org.municipality'], place],
        [m['pform.org.registration'], or(d.organisation.registrationNumber)],
        [m['pform.contact.name'], d.contact.name],
        [m['pform.contact.email'], d.contact.email],
        [m['pform.contact.phone'], or(d.contact.phone)],
      ],
    ],
    [
      'proposal',
      [
        [m['pform.kind'], m[`pform.kind.${d.kind}`]],
        ...(d.kind === 'amendment'
          ? ([
              [m['pform.commitment'], commitment?.title ?? m['pform.none']],
              [m['pform.section'], commitment?.sections.find((s) => s.id === d.sectionId)?.label ?? m['pform.none']],
            ] as [string, string][])
          : []),
        [m['pform.titleField'], d.title],
        [m['pform.problem'], d.problem],
        [m['pform.causes'], d.causes],
        [m['pform.objective'], d.objective],
        [m['pform.expectedResults'], d.expectedResults],
      ],
    ],
    [
      'plan',
      [
        ...d.milestones.map((ms, i): [string, string] => [
          fill(m['pform.milestone'], { n: i + 1 }),
          `${ms.description} (${ms.start} – ${ms.end}; ${ms.responsible})`,
        ]),
        [m['pform.indicators'], d.indicators.join('; ')],
        [m['pform.leadInstitution'], d.leadInstitution],
        [m['pform.supportingActors'], or(d.supportingActors.join('; '))],
        [m['pform.ogpValues'], d.ogpValues.map((v) => m[`ogp.${v as OgpValue}`]).join(', ')],
      ],
    ],
    [
      'documents',
      [[m['pform.files'], or(d.attachments.map((a) => `${a.fileName} (${formatBytes(lang, a.bytes)})`).join('; '))]],
    ],
  ];
  return (
    <div class="review">
      <p>{m['pform.reviewIntro']}</p>
      {rows.map(([step, items]) => (
        <section key={step} class="review__step">
          <h3>{m[`pform.step.${step}`]}</h3>
          <dl class="facts">
            {items.map(([label, value], i) => (
              <div key={i}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <button type="button" class="button button--secondary" onClick={() => goTo(STEPS.indexOf(step))}>
            {fill(m['pform.editStep'], { step: m[`pform.step.${step}`] })}
          </button>
        </section>
      ))}
    </div>
  );
}
