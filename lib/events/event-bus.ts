import "server-only";

import pg from "pg";

import { EVENTS_CHANNEL } from "@/lib/events/event-writer";
import { logger } from "@/lib/logger";

type Listener = (lastSeq: number) => void;

/**
 * One LISTEN connection per web process, fanned out to every SSE subscriber
 * of a trajectory. Subscribers also poll slowly on their own, so a dropped
 * connection delays events but never loses them.
 */
class EventBus {
  private listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;

  subscribe(trajectoryId: string, listener: Listener): () => void {
    let set = this.listeners.get(trajectoryId);
    if (!set) this.listeners.set(trajectoryId, (set = new Set()));
    set.add(listener);
    void this.ensureConnected();

    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(trajectoryId);
    };
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });

    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: process.env.DATABASE_URL,
    });
    client.on("notification", (msg) => this.dispatch(msg.payload ?? ""));
    client.on("error", (err) => {
      logger.warn({ err }, "events.listen_lost");
      this.client = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => {
        if (this.listeners.size > 0) void this.ensureConnected();
      }, 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.client = client;
    } catch (err) {
      logger.warn({ err }, "events.listen_failed");
      await client.end().catch(() => undefined);
    }
  }

  private dispatch(payload: string) {
    const split = payload.lastIndexOf(":");
    const trajectoryId = payload.slice(0, split);
    const lastSeq = Number(payload.slice(split + 1));
    for (const listener of this.listeners.get(trajectoryId) ?? []) {
      listener(lastSeq);
    }
  }
}

const globalForBus = globalThis as unknown as { jettyEventBus?: EventBus };

/** The process-wide event bus. */
export function getEventBus(): EventBus {
  globalForBus.jettyEventBus ??= new EventBus();

  return globalForBus.jettyEventBus;
}
