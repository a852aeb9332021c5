/**
 * The shared life of one incoming message: seen once (persisted, so a retry or a restart never answers twice),
 * answered in the background after the platform has its acknowledgement, delivered, recorded.
 */
import { claimBotEvent, finishBotEvent } from "../db/bot-events-repo.ts";
import type { Deps } from "../deps.ts";
import { FAILURE_TEXT } from "./reply.ts";

/** Keep `task` running after the response (Workers: waitUntil); failures are logged, never thrown at the caller. */
export function inBackground(deps: Deps, label: string, task: () => Promise<void>): Promise<void> {
  const running = task().catch((error) => {
    deps.logger.error("bot background task failed", { task: label, error: String(error) });
  });
  deps.background?.(running);
  return running;
}

/** A signed timestamp within the replay window (0 = no check). `timestampS` in seconds. */
export function fresh(deps: Deps, timestampS: number): boolean {
  const window = deps.config.bots.replayWindowS;
  if (window === 0) return true;
  return Number.isFinite(timestampS) && Math.abs(Date.now() / 1000 - timestampS) <= window;
}

export interface Delivery {
  platform: string;
  eventId: string;
  /** Compose the reply text (answerQuestion inside). */
  compose: () => Promise<string>;
  /** Send it through the platform's active API; absent when the platform pulls it (the aibot's stream refresh). */
  deliver?: (text: string) => Promise<void>;
  /** Wait this long for the reply to go in the callback's own response (passive reply); 0 = always active. */
  passiveMs?: number;
}

export type Outcome =
  /** The event was seen before: nothing is done again. */
  | { kind: "repeat" }
  /** The reply was ready within passiveMs: send it as the callback's response (already recorded). */
  | { kind: "passive"; text: string }
  /** Acknowledge now; the reply follows through `deliver`. */
  | { kind: "later" };


/**
 * Claim the event; when it is new, compose the reply, and either hand it back for a passive reply (ready within
 * `passiveMs`) or deliver it in the background once ready. A failure to answer becomes an apology, not silence.
 */
export async function answerOnce(deps: Deps, delivery: Delivery): Promise<Outcome> {
  const { platform, eventId } = delivery;
  if (!(await claimBotEvent(deps.db, platform, eventId))) {
    deps.logger.info("bot event repeated: not answered again", { platform, eventId });
    return { kind: "repeat" };
  }
  const composed = delivery.compose().catch((error) => {
    deps.logger.error("bot answer failed", { platform, error: String(error) });
    return FAILURE_TEXT;
  });
  if (delivery.passiveMs) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), delivery.passiveMs);
    });
    const first = await Promise.race([composed, late]);
    clearTimeout(timer);
    if (first !== "late") {
      await finishBotEvent(deps.db, platform, eventId, "answered", first);
      return { kind: "passive", text: first };
    }
  }
  void inBackground(deps, `${platform} ${eventId}`, async () => {
    const text = await composed;
    if (!delivery.deliver) {
      await finishBotEvent(deps.db, platform, eventId, "answered", text);
      return;
    }
    try {
      await delivery.deliver(text);
      await finishBotEvent(deps.db, platform, eventId, "answered", text);
    } catch (error) {
      await finishBotEvent(deps.db, platform, eventId, "failed", text);
      throw error;
    }
  });
  return { kind: "later" };
}
