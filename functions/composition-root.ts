import { type AwsClients, clientsFor } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { config as processConfig } from '#core/config/load-config.ts';

/**
 * The one composition root: the configuration a function runs with (its environment, read by
 * core/config) and its AWS clients. The collaborators each function needs are parts
 * (`functions/parts/`), each built on first use and kept with the platform for the life of the
 * execution environment, as Lambda keeps a warm instance. A handler imports only its parts, so
 * its bundle holds only their code and SDK clients.
 */
export interface Platform {
  config: Config;
  clients: AwsClients;
}

export function buildPlatform(config: Config, clients: AwsClients = clientsFor(config)): Platform {
  return { config, clients };
}

let current: Platform | undefined;

/**
 * The platform of this process's configuration. Rebuilt if the configuration was re-read (the
 * local world sets its endpoints in the environment once it knows its ports).
 */
export function platform(): Platform {
  const config = processConfig();
  if (current?.config !== config) current = buildPlatform(config);
  return current;
}

/** A collaborator of this process's platform, built on first use and kept with that platform. */
export function part<Part>(build: (platform: Platform) => Part): () => Part {
  const built = new WeakMap<Platform, Part>();
  return () => {
    const current = platform();
    if (!built.has(current)) built.set(current, build(current));
    return built.get(current) as Part;
  };
}
