import { useEffect, useRef, useState } from 'react';
import type { CallClient, RemoteTile } from './types';
import type { CallSession } from './useCallSession';

const STATUS_TEXT: Record<CallSession['status'], string> = {
  idle: '',
  joining: 'Joining…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting… the call will continue by itself',
  ended: 'Call ended',
  failed: 'The call dropped',
  left: 'You left the call',
};

function RemoteVideo({ client, tile }: { client: CallClient; tile: RemoteTile }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) client.bindRemoteVideo(tile.tileId, ref.current);
  }, [client, tile.tileId]);
  return (
    <video
      ref={ref}
      className="call-remote-video"
      autoPlay
      playsInline
      data-attendee={tile.attendeeId}
      aria-label="Remote video"
    />
  );
}

/**
 * The video part of the call screen, the same for every provider and role: remote video large,
 * self view small, and big mute / camera / leave buttons.
 */
export function CallStage({
  session,
  large,
  endLabel,
  onEnd,
}: {
  session: CallSession;
  /** Patient-friendly: bigger buttons and words. */
  large: boolean;
  endLabel: string;
  onEnd: () => void;
}) {
  const { client, status, tiles } = session;
  const self = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [muted, setMuted] = useState(false);
  const [videoOn, setVideoOn] = useState(true);

  useEffect(() => {
    if (!client) return;
    if (self.current) client.bindLocalVideo(self.current);
    if (audio.current) client.bindAudio(audio.current);
  }, [client]);

  const toggleMute = () => {
    client?.setMuted(!muted);
    setMuted(!muted);
  };
  const toggleVideo = async (enabled: boolean) => {
    await client?.setVideoEnabled(enabled);
    setVideoOn(enabled);
  };

  return (
    <div
      className={`call-stage${large ? ' call-large' : ''}`}
      data-call-status={status}
      data-inbound-bytes={session.inboundBytes}
    >
      <div className="call-remote">
        {client &&
          tiles.map((tile) => <RemoteVideo key={tile.tileId} client={client} tile={tile} />)}
        {tiles.length === 0 && (
          <p className="call-waiting">
            {status === 'connected' || status === 'connecting'
              ? 'Waiting for the other side’s video…'
              : STATUS_TEXT[status]}
          </p>
        )}
        <video
          ref={self}
          className="call-self-video"
          autoPlay
          muted
          playsInline
          aria-label="Your video"
        />
        <audio ref={audio} autoPlay />
      </div>
      <p className={`call-status call-status-${status}`} role="status">
        {STATUS_TEXT[status]}
        {status === 'connected' && session.inboundBytes > 0 && (
          <span className="muted">
            {' '}
            · receiving {(session.inboundBytes / 1_000_000).toFixed(1)} MB
          </span>
        )}
      </p>
      {session.suggestAudioOnly && videoOn && (
        <div className="notice" role="alert">
          <p>The connection is weak. Turning video off keeps the call going with sound only.</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                void toggleVideo(false);
                session.dismissAudioOnly();
              }}
            >
              Switch to audio only
            </button>
            <button type="button" className="button" onClick={session.dismissAudioOnly}>
              Keep video
            </button>
          </div>
        </div>
      )}
      <div className="call-controls">
        <button
          type="button"
          className="button call-button"
          aria-pressed={muted}
          onClick={toggleMute}
        >
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="button call-button"
          aria-pressed={!videoOn}
          onClick={() => void toggleVideo(!videoOn)}
        >
          {videoOn ? 'Camera off' : 'Camera on'}
        </button>
        <button type="button" className="button button-danger call-button" onClick={onEnd}>
          {endLabel}
        </button>
      </div>
    </div>
  );
}
