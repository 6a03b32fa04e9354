import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError, isApiError, useApi } from '@lib/api';
import type { Handoff, Slot } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';

/** The earliest-slots route looks at most two weeks ahead. */
const MAX_HOURS = 24 * 14;

/** The follow-up window the triage rule asked for, in hours (none: nothing to offer). */
export const fallbackWindowHours = (fallback: Handoff['fallback']): number | undefined => {
  const hours =
    fallback?.followUpWithinHours ??
    (fallback?.followUpWithinDays === undefined ? undefined : fallback.followUpWithinDays * 24);
  return hours === undefined ? undefined : Math.min(Math.max(1, hours), MAX_HOURS);
};

const slotLabel = (slot: Slot): string =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: slot.timeZone,
  }).format(new Date(slot.startsAt));

type Modality = 'in-person' | 'video';

/**
 * The scheduled disposition when nobody could take the handoff: the clinic's earliest BH slots
 * inside the triage rule's window, each booked for the handoff's patient in one tap. Booked as
 * the handoff's follow-up (purpose warm-handoff), so the booking may take a protected slot.
 */
export function FallbackSlots({ handoff, withinHours }: { handoff: Handoff; withinHours: number }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, patientId } = handoff;
  const [modality, setModality] = useState<Modality>('in-person');
  const [notice, setNotice] = useState<string | null>(null);
  const [booked, setBooked] = useState<{ slot: Slot; warning?: string } | null>(null);
  const key = ['clinic', clinicId, 'earliest-slots', withinHours];
  const slots = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.call('findEarliestSlots', {
        params: { clinicId },
        query: { withinHours, visitType: 'follow-up', limit: 5 },
        signal,
      }),
  });

  const book = useMutation({
    mutationFn: (slot: Slot) =>
      api.call('bookVisit', {
        params: { clinicId },
        body: {
          slotId: slot.slotId,
          patientId,
          visitType: 'follow-up',
          modality,
          purpose: 'warm-handoff',
        },
      }),
    onSuccess: (result, slot) => {
      setNotice(null);
      setBooked(result.warning === undefined ? { slot } : { slot, warning: result.warning });
    },
    onError: (error) => {
      setNotice(
        isApiError(error) && error.status === 409
          ? 'That slot was just taken by someone else. The list is refreshed: choose another.'
          : describeError(error),
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  if (booked) {
    return (
      <section className="card" aria-labelledby="fallback-slots-heading">
        <h2 id="fallback-slots-heading">Behavioral health visit booked</h2>
        <p role="status">
          Booked {slotLabel(booked.slot)} ({modality === 'video' ? 'video' : 'in person'}) for{' '}
          {handoff.summary.patientLabel}.{booked.warning ? ` ${booked.warning}` : ''}
        </p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="fallback-slots-heading">
      <h2 id="fallback-slots-heading">Book a behavioral health visit</h2>
      <p className="muted">
        The earliest open slots within {withinHours} hours, in the clinic’s local time.
      </p>
      <fieldset className="input-row">
        <legend>Visit</legend>
        {(['in-person', 'video'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="fallback-modality"
              value={value}
              checked={modality === value}
              onChange={() => setModality(value)}
            />{' '}
            {value === 'video' ? 'Video' : 'In person'}
          </label>
        ))}
      </fieldset>
      {notice && <p role="alert">{notice}</p>}
      {slots.isPending && <Loading label="Finding the earliest slots…" />}
      {slots.isError && <ErrorNotice error={slots.error} onRetry={() => void slots.refetch()} />}
      {slots.isSuccess && slots.data.items.length === 0 && (
        <p>No open slot within {withinHours} hours. Book the follow-up from the clinic schedule.</p>
      )}
      {slots.isSuccess && slots.data.items.length > 0 && (
        <ul className="fallback-slots" aria-label="Earliest slots">
          {slots.data.items.map((slot) => (
            <li key={slot.slotId} data-slot={slot.slotId}>
              <button
                type="button"
                className="button button-large"
                disabled={book.isPending}
                onClick={() => book.mutate(slot)}
              >
                Book {slotLabel(slot)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
