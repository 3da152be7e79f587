import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Language } from '#shared/schemas/common.ts';
import type { Messages } from '../i18n/island-keys.ts';
import { newIdempotencyKey } from '../lib/api-client.ts';
import { errorMessage, fieldErrors, isNetworkError } from './live.ts';

type FormKey = 'errors.network' | 'errors.generic' | 'errors.summary';

export type Submission = {
  pending: boolean;
  /** Message for the whole form (role="alert"). */
  error: string;
  /** Messages next to the fields, by field name. */
  fields: Record<string, string>;
  /** True after a network failure: the text is kept and the same submission may be sent again. */
  canRetry: boolean;
  run: <T>(action: (idempotencyKey: string) => Promise<T>) => Promise<T | undefined>;
  fail: (fields: Record<string, string>) => void;
};

/**
 * One form's submission: a stable idempotency key until it succeeds (so "try again" after a network failure counts
 * once), the API's field errors next to their fields, anything else for the whole form.
 */
export function useSubmission(
  lang: Language,
  m: Messages<FormKey>,
  knownFields: readonly string[] | ((field: string) => boolean),
): Submission {
  const isKnown = (field: string) =>
    typeof knownFields === 'function' ? knownFields(field) : knownFields.includes(field);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [canRetry, setCanRetry] = useState(false);
  const key = useRef(newIdempotencyKey());
  const busy = useRef(false);

  const fail = (found: Record<string, string>) => {
    const known = Object.fromEntries(Object.entries(found).filter(([name]) => isKnown(name)));
    const others = Object.entries(found)
      .filter(([name]) => !isKnown(name))
      .map(([, message]) => message);
    setFields(known);
    setError([Object.keys(known).length > 0 ? m['errors.summary'] : '', ...others].filter(Boolean).join(' '));
  };

  return {
    pending,
    error,
    fields,
    canRetry,
    fail,
    run: async (action) => {
      if (busy.current) return undefined;
      busy.current = true;
      setPending(true);
      setError('');
      setFields({});
      setCanRetry(false);
      try {
        const result = await action(key.current);
        key.current = newIdempotencyKey();
        return result;
      } catch (failure) {
        const found = fieldErrors(failure, lang);
        if (Object.keys(found).length > 0) fail(found);
        else setError(errorMessage(failure, lang, m));
        setCanRetry(isNetworkError(failure));
        return undefined;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
  };
}

/** A label, the control, its hint and its error, wired with aria-describedby / aria-invalid by the caller's ids. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes of a control inside `Field`. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
  };
}

/** The form-level error with, after a network failure, a button that sends the same submission again. */
export function FormError({
  submission,
  retryLabel,
  onRetry,
}: {
  submission: Submission;
  retryLabel: string;
  onRetry: () => void;
}) {
  return (
    <div role="alert" class="form-error-region">
      {submission.error && (
        <div class="form-error">
          <p>{submission.error}</p>
          {submission.canRetry && (
            <button
              type="button"
              class="button button--secondary"
              onClick={onRetry}
              aria-disabled={submission.pending ? 'true' : undefined}
            >
              {retryLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** User text as text: one paragraph per line break, never parsed as HTML. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}
