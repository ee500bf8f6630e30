import type { DigestPublisher, Log } from '../core/index.ts';
import { PLATFORMS, type Platform, type PlatformModule } from '../platforms/index.ts';
import type { AppConfig } from './config.ts';

/** A platform that the environment configures, with its settings. */
export interface ConfiguredPlatform {
  readonly platform: Platform;
  readonly settings: unknown;
}

/** The platforms whose settings the environment provides (a token set, or nothing needed). */
export function configuredPlatforms(config: AppConfig): ConfiguredPlatform[] {
  const env = config.env as Readonly<Record<string, unknown>>;
  return PLATFORMS.flatMap((platform) => {
    const settings = platform.settings(env);
    return settings === undefined ? [] : [{ platform, settings }];
  });
}

/** Whether a platform with a bot (commands in, not only deliveries out) is configured: `spool` then runs the service. */
export function anyBotConfigured(config: AppConfig): boolean {
  return configuredPlatforms(config).some(({ platform }) => platform.bot);
}

/** Delivery-only publishers of every configured platform (`spool send-digests`). */
export async function publishersOf(config: AppConfig, log: Log): Promise<DigestPublisher[]> {
  const publishers: DigestPublisher[] = [];
  for (const { platform, settings } of configuredPlatforms(config)) {
    const module: PlatformModule<unknown> = await platform.load();
    publishers.push(module.createPublisher(settings, log));
  }
  return publishers;
}
