import { PageFrame } from '../app/page-frame';
import type { AppConfig } from '../config/app-config';
import type { Branding } from '../config/community';
import { useI18n } from '../i18n/i18n';
import { InvitePage } from './invite-page';

/**
 * The admins' page in the community's frame (name, logo, colours, footer), but without the
 * newcomers' `welcome_text`: it greets people joining, not the admin making their link (UX audit 19).
 */
export function InviteFrame({ config, branding }: { config: AppConfig; branding?: Branding }) {
  const { t } = useI18n();
  const frame = branding ? { ...branding, welcomeText: undefined } : undefined;
  return (
    <PageFrame branding={frame} title={t('invite.title')}>
      <InvitePage config={config} />
    </PageFrame>
  );
}
