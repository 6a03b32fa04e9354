import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallJoin } from '../contracts';
import { useRealtime } from '../realtime';
import type { DeviceChoice } from './devices';
import { createCallClient } from './index';
import type { CallClient, CallStatus, RemoteTile, SignalChannel } from './types';

export type SessionStatus = 'idle' | 'joining' | CallStatus | 'left';

/** How often the connection indicator asks the client for received bytes. */
const STATS_MS = 2_000;

export interface CallSource {
  /** The caller's own join credentials (fetched again on every rejoin). */
  fetchJoin: () => Promise<CallJoin>;
  /** Told once media is up (again after a failure to tell). */
  onConnected?: () => Promise<unknown>;
}

/**
 * One participant's part of a call, whatever the call is for (a warm handoff, a video visit):
 * fetch own join credentials, start the call client (Chime in AWS, local WebRTC locally), report
 * once media is up, and rejoin after a drop with fresh credentials for the same call.
 */
export function useCallSession(source: CallSource) {
  const realtime = useRealtime();
  const sourceRef = useRef(source);
  useEffect(() => {
    sourceRef.current = source;
  });
  const signal = useRef(realtime);
  useEffect(() => {
    signal.current = realtime;
  });
  const clientRef = useRef<CallClient | undefined>(undefined);
  const offs = useRef<(() => void)[]>([]);
  const lastChoice = useRef<DeviceChoice>({});
  const [client, setClient] = useState<CallClient | undefined>();
  const [status, setStatus] = useState<SessionStatus>('idle');
  const [tiles, setTiles] = useState<RemoteTile[]>([]);
  const [suggestAudioOnly, setSuggestAudioOnly] = useState(false);
  const [inboundBytes, setInboundBytes] = useState(0);
  const [error, setError] = useState<unknown>();

  const drop = useCallback(async () => {
    const current = clientRef.current;
    clientRef.current = undefined;
    for (const off of offs.current.splice(0)) off();
    setClient(undefined);
    setTiles([]);
    if (current) await current.leave().catch(() => undefined);
  }, []);

  const join = useCallback(
    async (choice: DeviceChoice, options: { audioOnly?: boolean } = {}) => {
      await drop();
      lastChoice.current = choice;
      setError(undefined);
      setStatus('joining');
      try {
        const credentials = await sourceRef.current.fetchJoin();
        // Always the current socket: the provider may replace it under the call.
        const channel: SignalChannel = {
          send: (message) => signal.current.send(message),
          subscribe: (listener) => signal.current.subscribe(listener),
        };
        const created = await createCallClient(credentials, channel);
        clientRef.current = created;
        let reported = false;
        offs.current.push(
          created.on('status', (next: CallStatus) => {
            setStatus(next);
            if (next === 'connected' && !reported) {
              reported = true;
              void sourceRef.current.onConnected?.().catch(() => {
                reported = false; // told again on the next "connected"
              });
            }
          }),
          created.on('remoteTiles', setTiles),
          created.on('suggestAudioOnly', () => setSuggestAudioOnly(true)),
        );
        setClient(created);
        await created.start(choice);
        if (options.audioOnly) await created.setVideoEnabled(false);
      } catch (caught) {
        setError(caught);
        setStatus('failed');
        await drop();
      }
    },
    [drop],
  );

  const rejoin = useCallback(() => join(lastChoice.current), [join]);

  const leave = useCallback(async () => {
    await drop();
    setStatus('left');
  }, [drop]);

  useEffect(() => {
    if (!client) return undefined;
    const timer = window.setInterval(() => {
      void client.inboundBytes().then(setInboundBytes, () => undefined);
    }, STATS_MS);
    return () => window.clearInterval(timer);
  }, [client]);

  // Leaving the screen leaves the call (others stay on it).
  useEffect(() => () => void drop(), [drop]);

  return {
    client,
    status,
    tiles,
    suggestAudioOnly,
    dismissAudioOnly: () => setSuggestAudioOnly(false),
    inboundBytes,
    error,
    join,
    rejoin,
    leave,
  };
}

export type CallSession = ReturnType<typeof useCallSession>;
