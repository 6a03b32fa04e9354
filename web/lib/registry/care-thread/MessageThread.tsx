import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { bodyFieldErrors, isApiError, useApi } from '../../api';
import { roleLabels, useClinic } from '../../clinic';
import { useRealtime, useServerMessage } from '../../realtime';
import { formatShortDateTime, useNow } from '../../time';
import { LoadMore } from '../../ui/LoadMore';
import { ErrorNotice, Loading } from '../../ui/Status';
import { threadKeys } from './keys';

const POLL_MS = 30_000;

/** Secure messages about the patient between the PCP, the BCM and the psychiatrist (newest first). */
export function MessageThread({
  patientId,
  names,
}: {
  patientId: string;
  names: (userId: string) => string;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, timeZone, me } = useClinic();
  const { state } = useRealtime();
  const now = useNow();
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = threadKeys.messages(clinicId, patientId);
  const messages = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api.call('listPatientMessages', {
        params: { clinicId, patientId },
        query: { limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: state === 'polling' ? POLL_MS : false,
  });
  // A message posted while the socket was still connecting was pushed to nobody on this page:
  // catch up once the socket is up (and again after every reconnect).
  useEffect(() => {
    if (state === 'open') void queryClient.invalidateQueries({ queryKey: key });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key is rebuilt every render; its parts are the deps
  }, [state, clinicId, patientId, queryClient]);
  useServerMessage('message.posted', (message) => {
    if (message.clinicId === clinicId && message.patientId === patientId) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  });
  const send = useMutation({
    mutationFn: (body: string) =>
      api.call('sendPatientMessage', { params: { clinicId, patientId }, body: { body } }),
    onSuccess: () => {
      setDraft('');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (failure) => {
      if (isApiError(failure)) setError(bodyFieldErrors(failure).byField.get('body') ?? null);
    },
  });
  const onSend = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === '') {
      setError('is required');
      return;
    }
    setError(null);
    send.mutate(draft.trim());
  };
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="messages-heading">
      <h2 id="messages-heading">Secure messages</h2>
      <p className="hint">
        Visible to this patient’s PCP, care manager and psychiatric consultant. Do not put
        psychotherapy or substance-use treatment notes here.
      </p>
      <form onSubmit={onSend} className="message-form">
        <div className="field">
          <label htmlFor={inputId}>New message</label>
          <textarea
            id={inputId}
            rows={3}
            maxLength={4000}
            value={draft}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setDraft(e.target.value)}
          />
          {error && <p className="field-error">Message {error}</p>}
        </div>
        {send.isError && !error && <ErrorNotice error={send.error} title="Not sent" />}
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Send message'}
        </button>
      </form>
      {messages.isPending && <Loading label="Loading messages…" />}
      {messages.isError && (
        <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />
      )}
      {messages.isSuccess && items.length === 0 && <p>No messages yet.</p>}
      {items.length > 0 && (
        <ol className="message-list" aria-label="Messages, newest first">
          {items.map((m) => (
            <li key={m.messageId} className={m.from === me.userId ? 'message mine' : 'message'}>
              <p className="message-meta">
                <strong>{m.from === me.userId ? 'You' : names(m.from)}</strong> (
                {roleLabels[m.fromRole]}), {formatShortDateTime(m.at, timeZone, now)}
              </p>
              <p className="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <LoadMore list={messages} />
    </section>
  );
}
