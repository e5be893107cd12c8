import type { TrustedKey } from '@zjmade/sdk';

/** What a build is configured with (see extension/README.md "Build configuration"). */
export interface BuildConfig {
  registryUrl: string;
  trustedKeys: TrustedKey[];
}

declare const __ZJMADE_BUILD__: BuildConfig;

/** The registry and trust anchors this build ships with; Options can override both. */
export const BUILD_CONFIG: BuildConfig = __ZJMADE_BUILD__;
