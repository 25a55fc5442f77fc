import { useEffect, useRef } from 'react';
import { messages } from '../../messages';

export function SuccessScreen({ userId }: { userId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form this replaced had focus; move it to what changed so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="success-heading">
      <h1 id="success-heading" ref={heading} tabIndex={-1}>
        {messages.success.heading}
      </h1>
      <p>{messages.success.yourId}</p>
      <p className="matrix-id" data-testid="matrix-id">
        {userId}
      </p>
    </section>
  );
}
