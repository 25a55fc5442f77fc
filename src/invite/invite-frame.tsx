import { PageFrame } from '../app/page-frame';
import type { AppConfig } from '../config/app-config';
import { localized, type Branding } from '../config/community';
import { useI18n } from '../i18n/i18n';
import { DeskApp } from './desk/desk-app';
import type { DeskPorts } from './desk/desk-ports';

/**
 * The admins' page in the community's frame (name, logo, colours, footer), but without the
 * newcomers' `welcome_text`: it greets people joining, not the admin making their link (UX audit 19).
 */
export function InviteFrame({
  config,
  branding,
  ports,
  page,
}: {
  config: AppConfig;
  branding?: Branding;
  ports: DeskPorts;
  /** The address the page was loaded at (with MAS's answer, when this load is the return from it). */
  page: URL;
}) {
  const { t, language } = useI18n();
  const frame = branding ? { ...branding, welcomeText: undefined } : undefined;
  const community = branding?.name ? localized(branding.name, language) : config.defaultServer;
  return (
    <PageFrame branding={frame} title={t('invite.title')}>
      <DeskApp config={config} community={community} ports={ports} page={page} />
      <p>
        <a href={new URL('./', window.location.href).href}>{t('invite.back')}</a>
      </p>
    </PageFrame>
  );
}
