import * as z from 'zod/mini';

/** `public/config.json`, read at run time so that one build serves any deployment. */
export const appConfigSchema = z.object({
  /** A server name (`matrix.org`) or a client-server API URL (`https://matrix-client.matrix.org`). */
  default_server: z.string().check(z.minLength(1)),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export async function fetchAppConfig(url = `${import.meta.env.BASE_URL}config.json`): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new ConfigError(`${url}: HTTP ${response.status}`);
  const parsed = appConfigSchema.safeParse(await response.json());
  if (!parsed.success)
    throw new ConfigError(`${url}: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return parsed.data;
}

/** `?hs=` wins over the configured default. */
export function chooseServer(config: AppConfig, search: string): string {
  const fromUrl = new URLSearchParams(search).get('hs')?.trim();
  return fromUrl ? fromUrl : config.default_server;
}

/** A bare server name means HTTPS on that host; discovery (well-known) refines this later. */
export function baseUrlFor(server: string): string {
  return /^https?:\/\//i.test(server) ? server : `https://${server}`;
}
