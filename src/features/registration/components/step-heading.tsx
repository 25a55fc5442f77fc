import { useFocusOnMount } from '../../../lib/use-focus-on-mount';
import { useI18n } from '../../../i18n/i18n';

/** Each step starts with its heading, which takes focus so that the change is announced. */
export function StepHeading({
  title,
  position,
  total,
  focus = true,
}: {
  title: string;
  position?: number;
  total?: number;
  focus?: boolean;
}) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  return (
    <>
      {position !== undefined && total !== undefined && total > 1 ? (
        <p className="step">{t('common.step', { position, total })}</p>
      ) : null}
      <h2 id="step-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
    </>
  );
}
