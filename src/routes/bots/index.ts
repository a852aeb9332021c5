/** `/bots/*`: one router a platform, outside /api (each platform authenticates by its own signature). */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { AppEnv } from "../auth.ts";
import type { BotRouteOptions } from "./common.ts";
import { dingtalkRoutes } from "./dingtalk.ts";
import { feishuRoutes } from "./feishu.ts";
import { telegramRoutes } from "./telegram.ts";
import { wecomAibotRoutes } from "./wecom-aibot.ts";
import { wecomRoutes } from "./wecom.ts";

/** No platform sends a text callback anywhere near this. */
const MAX_CALLBACK_BYTES = 256 * 1024;

export function botRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.use("*", bodyLimit({
    maxSize: MAX_CALLBACK_BYTES,
    onError: () => {
      throw new AppError("payload_too_large", `回调消息体超过 ${MAX_CALLBACK_BYTES / 1024} KB`);
    },
  }));
  router.route("/wecom", wecomRoutes(deps, options));
  router.route("/wecom-aibot", wecomAibotRoutes(deps, options));
  router.route("/dingtalk", dingtalkRoutes(deps, options));
  router.route("/feishu", feishuRoutes(deps, options));
  router.route("/telegram", telegramRoutes(deps, options));
  return router;
}
