import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n/i18n';

export interface SummaryItem {
  fieldId: string;
  /** The field's label: the problem itself is said at the field, once. */
  label: string;
}

/** GOV.UK's pattern: after a failed submit, a list of the fields with a problem, linking to them, focused. */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) box.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- move focus once per submit, not per keystroke
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">{t('form.summaryHeading')}</h3>
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
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
