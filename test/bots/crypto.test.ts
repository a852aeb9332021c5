import { createDecipheriv, createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  BotCryptoError, WecomCrypto, dingtalkSignature, feishuDecrypt, feishuEncrypt, feishuSignature, timingSafeEqualText,
} from "../../src/bots/crypto.ts";
import { parseJsonKeepingIds } from "../../src/bots/payload.ts";
import { WECOM_LEGACY_SAMPLE, WECOM_SAMPLE } from "./wecom-vectors.ts";

const sample = new WecomCrypto({ token: WECOM_SAMPLE.token, encodingAesKey: WECOM_SAMPLE.encodingAesKey, receiveId: WECOM_SAMPLE.corpId });
const sampleEncrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(WECOM_SAMPLE.message.body)![1];

/** WeCom's padding byte of a ciphertext, read with Node's own AES (padding off), independent of our WebCrypto path. */
function wecomPad(encodingAesKey: string, encrypted: string): number {
  const key = Buffer.from(`${encodingAesKey}=`, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
  return plain[plain.length - 1];
}

describe("WeCom WXBizMsgCrypt against the official samples (sbzhu/weworkapi_python callback/Sample.py)", () => {
  it("使用示例一 VerifyURL: the signature checks and echostr decrypts to its plaintext", async () => {
    const { msgSignature, timestamp, nonce, echostr } = WECOM_SAMPLE.verifyUrl;
    expect(await sample.verify(msgSignature, timestamp, nonce, echostr)).toBe(true);
    expect(await sample.decrypt(echostr)).toBe("1288432023552776189");
  });

  it("使用示例二 DecryptMsg: the signature checks and the message decrypts, though its padding is 30 bytes (>16)", async () => {
    const { msgSignature, timestamp, nonce } = WECOM_SAMPLE.message;
    expect(await sample.verify(msgSignature, timestamp, nonce, sampleEncrypt)).toBe(true);
    expect(wecomPad(WECOM_SAMPLE.encodingAesKey, sampleEncrypt)).toBeGreaterThan(16);
    const xml = await sample.decrypt(sampleEncrypt);
    expect(xml).toContain("<FromUserName>ChenJiaShun</FromUserName>");
    expect(xml).toContain("<Content>你好</Content>");
    expect(xml).toContain("<MsgId>1456453720</MsgId>");
  });

  it("a changed signature, timestamp or ciphertext does not verify", async () => {
    const { msgSignature, timestamp, nonce } = WECOM_SAMPLE.message;
    expect(await sample.verify(msgSignature.replace(/^0/, "1"), timestamp, nonce, sampleEncrypt)).toBe(false);
    expect(await sample.verify(msgSignature, String(Number(timestamp) + 1), nonce, sampleEncrypt)).toBe(false);
    expect(await sample.verify(msgSignature, timestamp, nonce, `A${sampleEncrypt.slice(1)}`)).toBe(false);
  });

  it("another CorpID (ReceiveId) is refused; so is a wrong key", async () => {
    const other = new WecomCrypto({ token: WECOM_SAMPLE.token, encodingAesKey: WECOM_SAMPLE.encodingAesKey, receiveId: "ww0000000000000000" });
    await expect(other.decrypt(sampleEncrypt)).rejects.toBeInstanceOf(BotCryptoError);
    const wrongKey = new WecomCrypto({ token: WECOM_SAMPLE.token, encodingAesKey: "a".repeat(43), receiveId: WECOM_SAMPLE.corpId });
    await expect(wrongKey.decrypt(sampleEncrypt)).rejects.toBeInstanceOf(BotCryptoError);
    expect(() => new WecomCrypto({ token: "t", encodingAesKey: "short", receiveId: "" })).toThrow(BotCryptoError);
  });

  it("encrypts as the official library does: 32-byte PKCS#7 (a full block when aligned), Node decrypts it, and back", async () => {
    for (const message of ["", "你好", "x".repeat(12), "园区".repeat(500)]) {
      const encrypted = await sample.encrypt(message);
      const pad = wecomPad(WECOM_SAMPLE.encodingAesKey, encrypted);
      const unpadded = 16 + 4 + Buffer.byteLength(message) + WECOM_SAMPLE.corpId.length;
      expect(pad).toBe(32 - (unpadded % 32));
      expect(await sample.decrypt(encrypted)).toBe(message);
    }
    // The intelligent bot's ReceiveId is empty.
    const aibot = new WecomCrypto({ token: "t", encodingAesKey: WECOM_SAMPLE.encodingAesKey, receiveId: "" });
    expect(await aibot.decrypt(await aibot.encrypt('{"msgid":"1"}'))).toBe('{"msgid":"1"}');
  });
});

describe("WeCom's older official sample key (weworkapi_golang json_callback/sample.go, document/path/90968)", () => {
  const legacy = new WecomCrypto({ token: WECOM_LEGACY_SAMPLE.token, encodingAesKey: WECOM_LEGACY_SAMPLE.encodingAesKey, receiveId: WECOM_LEGACY_SAMPLE.receiveId });

  it("the XML example with 30 bytes of padding verifies and decrypts", async () => {
    const { msgSignature, timestamp, nonce, encrypt } = WECOM_LEGACY_SAMPLE.xml;
    expect(await legacy.verify(msgSignature, timestamp, nonce, encrypt)).toBe(true);
    expect(wecomPad(WECOM_LEGACY_SAMPLE.encodingAesKey, encrypt)).toBe(30);
    const xml = await legacy.decrypt(encrypt);
    expect(xml).toContain("<Content><![CDATA[hello]]></Content>");
    expect(xml).toContain("<MsgId>4561255354251345929</MsgId>");
  });

  it("the JSON example decrypts and its 64-bit MsgId keeps every digit", async () => {
    const { msgSignature, timestamp, nonce, encrypt } = WECOM_LEGACY_SAMPLE.json;
    expect(await legacy.verify(msgSignature, timestamp, nonce, encrypt)).toBe(true);
    const message = parseJsonKeepingIds(await legacy.decrypt(encrypt)) as Record<string, unknown>;
    expect(message).toMatchObject({ FromUserName: "mycreate", Content: "hello", MsgId: "4561255354251345929", AgentID: 218, CreateTime: 1409659813 });
    // What a plain JSON.parse would have made of it.
    expect(String(JSON.parse(await legacy.decrypt(encrypt)).MsgId)).not.toBe("4561255354251345929");
  });
});

describe("Feishu event decryption and signature", () => {
  it("decrypts the official example of 接收事件 / Encrypt Key 加密 (key \"test key\" → \"hello world\")", async () => {
    expect(await feishuDecrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).toBe("hello world");
  });

  it("round-trips its own encryption, and refuses a wrong key", async () => {
    const encrypted = await feishuEncrypt("k", '{"type":"url_verification"}');
    expect(await feishuDecrypt("k", encrypted)).toBe('{"type":"url_verification"}');
    await expect(feishuDecrypt("other", encrypted)).rejects.toBeInstanceOf(BotCryptoError);
  });

  it("X-Lark-Signature is hex sha256 of timestamp + nonce + Encrypt Key + the raw body (checked against node:crypto)", async () => {
    const body = '{"encrypt":"abc"}';
    expect(await feishuSignature("1700000000", "n1", "key", body)).toBe(createHash("sha256").update(`1700000000n1key${body}`).digest("hex"));
  });
});

describe("DingTalk robot sign and constant-time compare", () => {
  it("sign is base64 HMAC-SHA256 keyed by the AppSecret over timestamp\\nAppSecret (checked against node:crypto)", async () => {
    const secret = "this is secret";
    const timestamp = "1700000000000";
    expect(await dingtalkSignature(timestamp, secret)).toBe(createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64"));
  });

  it("on the inputs of the doc's signing sample (接收消息: 1577262236757, \"this is a secret\"); the value is ours, the doc prints none", async () => {
    // The doc's Java/Python samples print the value without stating it; this is what node:crypto and Python's hmac
    // both give for those inputs, so it pins our WebCrypto path, not the platform.
    expect(await dingtalkSignature("1577262236757", "this is a secret")).toBe("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=");
  });

  it("compares equal strings as equal and any difference, length included, as different", () => {
    expect(timingSafeEqualText("abc", "abc")).toBe(true);
    expect(timingSafeEqualText("abc", "abd")).toBe(false);
    expect(timingSafeEqualText("abc", "abcd")).toBe(false);
    expect(timingSafeEqualText("", "")).toBe(true);
  });
});
