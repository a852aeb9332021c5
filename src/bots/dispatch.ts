/**
 * The shared life of one incoming message: seen once (persisted, so a retry or a restart never answers twice),
 * answered in the background after the platform has its acknowledgement, delivered (with retries), recorded.
 */
import { botEvent, claimBotEvent, finishBotEvent, pruneBotEvents } from "../db/bot-events-repo.ts";
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

/**
 * A signed timestamp within the replay window (`timestampS` in seconds; window 0 = no check). `maxS` is a
 * platform's own limit, kept whatever the setting (DingTalk signs only the timestamp: 1 hour at most).
 */
export function fresh(deps: Deps, timestampS: number, maxS?: number): boolean {
  const configured = deps.config.bots.replayWindowS;
  const window = maxS === undefined ? configured : configured === 0 ? maxS : Math.min(configured, maxS);
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
  /** With no `deliver`: what the callback's response says when the answer is late (else it says nothing). */
  lateText?: string;
}

export type Outcome =
  /** The event was seen before: nothing is done again (`passive` holds a reply to send again, if any). */
  | { kind: "repeat"; passive?: string }
  /** Send this as the callback's response (the answer, ready in time, or `lateText`; already recorded). */
  | { kind: "passive"; text: string }
  /** Acknowledge now; the reply follows through `deliver`. */
  | { kind: "later" };

/** Delivery attempts after the first, and the waits before them. */
const RETRY_DELAYS_MS = [500, 2_000];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deliverWithRetries(deliver: (text: string) => Promise<void>, text: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deliver(text);
    } catch (error) {
      if (attempt >= RETRY_DELAYS_MS.length) throw error;
      await wait(RETRY_DELAYS_MS[attempt]);
    }
  }
}

/**
 * Claim the event; when it is new (or an earlier claim died or failed to deliver), compose the reply, and either
 * hand it back for a passive reply (ready within `passiveMs`) or deliver it in the background once ready. A
 * failure to answer becomes an apology, not silence.
 */
export async function answerOnce(deps: Deps, delivery: Delivery): Promise<Outcome> {
  const { platform, eventId } = delivery;
  if (!(await claimBotEvent(deps.db, platform, eventId))) {
    deps.logger.info("bot event repeated: not answered again", { platform, eventId });
    const earlier = await botEvent(deps.db, platform, eventId);
    return { kind: "repeat", passive: earlier?.state === "passive" && earlier.reply ? earlier.reply : undefined };
  }
  if (Math.random() < 0.02) {
    void pruneBotEvents(deps.db).catch((error) => deps.logger.warn("bot_events prune failed", { error: String(error) }));
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
      await finishBotEvent(deps.db, platform, eventId, "passive", first);
      return { kind: "passive", text: first };
    }
  }
  void inBackground(deps, `${platform} ${eventId}`, async () => {
    const text = await composed;
    if (!delivery.deliver) {
      // Pulled later (stream refresh), or lost: a late answer with no active channel is recorded as failed so
      // that the platform's retry, if any, answers again.
      await finishBotEvent(deps.db, platform, eventId, delivery.lateText ? "failed" : "answered", text);
      return;
    }
    try {
      await deliverWithRetries(delivery.deliver, text);
      await finishBotEvent(deps.db, platform, eventId, "answered", text);
    } catch (error) {
      await finishBotEvent(deps.db, platform, eventId, "failed", text);
      throw error;
    }
  });
  return delivery.lateText && !delivery.deliver ? { kind: "passive", text: delivery.lateText } : { kind: "later" };
}
