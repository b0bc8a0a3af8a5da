/** A server of the local world: where it listens and how to stop it. */
export interface RunningService {
  readonly name: string;
  readonly endpoint: string;
  stop(): Promise<void>;
}
