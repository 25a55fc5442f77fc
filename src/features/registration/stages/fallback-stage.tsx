import { useEffect, useState } from 'react';
import { stageMessages as messages } from '../../../messages/stages';
import { StepHeading } from '../components/step-heading';
import type { StageProps } from './stage-view';

function fallbackUrl({ step, registration, server }: StageProps): string {
  const session = registration.driver()?.sessionId ?? step.uia.session ?? '';
  return `${server.baseUrl}${server.prefix}/auth/${encodeURIComponent(step.stage)}/fallback/web?${new URLSearchParams({ session }).toString()}`;
}

/**
 * Opens the server's fallback page for a stage (spec: UIA fallback) and goes on when it reports
 * `authDone`, or when the person says they are done (the opener link can be cut by the server).
 */
export function FallbackLink(props: StageProps) {
  const { registration, server } = props;
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const origin = new URL(server.baseUrl).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === origin && event.data === 'authDone') registration.resume();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [server.baseUrl, registration]);
  return (
    <div>
      <p>
        <button
          type="button"
          onClick={() =>
            setBlocked(window.open(fallbackUrl(props), 'matrix-auth-fallback', 'popup,width=520,height=720') === null)
          }
        >
          {messages.fallback.open}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => registration.resume()}
          disabled={registration.pending}
        >
          {messages.fallback.done}
        </button>
      </p>
      {blocked ? (
        <p className="form-error" role="alert">
          {messages.fallback.blocked}
        </p>
      ) : null}
    </div>
  );
}

export function FallbackStage(props: StageProps) {
  return (
    <div>
      <StepHeading title={messages.fallback.heading} position={props.step.position} total={props.step.total} />
      <p>{messages.fallback.intro(props.step.stage)}</p>
      <FallbackLink {...props} />
    </div>
  );
}
