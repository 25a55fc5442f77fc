import { useEffect, useRef } from 'react';
import { messages } from '../../../messages/form';

export interface SummaryItem {
  fieldId: string;
  message: string;
}

/** GOV.UK's pattern: after a failed submit, a list of problems linking to their fields, focused. */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) box.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- move focus once per submit, not per keystroke
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">{messages.summaryHeading}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.fieldId}>
            <a
              href={`#${item.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(item.fieldId)?.focus();
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
