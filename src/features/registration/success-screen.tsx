import { useState } from 'react';
import { stageMessages as messages } from '../../messages/stages';
import { StepHeading } from './components/step-heading';

/**
 * The account, ready: its full ID with a copy button, where it lives, and where to go next. No
 * token is shown, kept or logged here (the page asks for none: `inhibit_login`).
 */
export default function SuccessScreen({
  userId,
  serverName,
  clients,
}: {
  userId: string;
  serverName: string;
  clients: { name: string; url: string }[];
}) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="step-heading" className="success">
      <StepHeading title={messages.success.heading} />
      <p>{messages.success.yourId}</p>
      <p className="matrix-id big" data-testid="matrix-id">
        {userId}
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(userId).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {messages.success.copy}
        </button>{' '}
        <span aria-live="polite">{copied ? messages.success.copied : ''}</span>
      </p>
      <p>{messages.success.server(serverName)}</p>
      <h3>{messages.success.next}</h3>
      <p>{messages.success.signIn}</p>
      {clients.length > 0 ? (
        <ul className="clients">
          {clients.map((client) => (
            <li key={client.url}>
              <a href={client.url} rel="noopener noreferrer">
                {messages.success.openIn(client.name)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
