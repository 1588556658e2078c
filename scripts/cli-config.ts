import { AppConfig, ConfigError, loadConfigFromProcess } from '@app/core';

/** Config for command-line scripts: the same validation as the API, the same one-line failure. */
export function cliConfig(): AppConfig {
  try {
    return loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
