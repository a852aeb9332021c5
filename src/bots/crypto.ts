/**
 * The bot platforms' cryptography on WebCrypto (the same code on Node and on Workers, no node:crypto):
 * WeCom's WXBizMsgCrypt (SHA1 signature, AES-256-CBC with PKCS#7 padding to 32-byte blocks), Feishu's event
 * decryption and signature, DingTalk's HMAC-SHA256 signature, and constant-time comparison.
 */

type Bytes = Uint8Array<ArrayBuffer>;

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The payload does not decrypt or does not belong to this bot (bad key, bad padding, wrong ReceiveId). */
export class BotCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BotCryptoError";
  }
}

export function base64ToBytes(text: string): Bytes {
  let binary: string;
  try {
    binary = atob(text.trim());
  } catch {
    throw new BotCryptoError("not base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Bytes): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");

export async function sha1Hex(text: string): Promise<string> {
  return hex(await subtle.digest("SHA-1", encoder.encode(text)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await subtle.digest("SHA-256", encoder.encode(text)));
}

export async function hmacSha256Base64(key: string, message: string): Promise<string> {
  const hmacKey = await subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return bytesToBase64(new Uint8Array(await subtle.sign("HMAC", hmacKey, encoder.encode(message))));
}

/** Constant-time equality of two strings (their UTF-8 bytes); a length difference returns false at once. */
export function timingSafeEqualText(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i] ^ right[i];
  return difference === 0;
}

function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * AES-256-CBC with no padding of its own (WebCrypto always pads to 16): decrypt after appending the block that
 * WebCrypto will strip as its padding; encrypt and drop the padding block it adds.
 */
async function decryptRaw(key: CryptoKey, iv: Bytes, ciphertext: Bytes): Promise<Bytes> {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new BotCryptoError("ciphertext length is not a multiple of 16");
  const last = ciphertext.subarray(ciphertext.length - 16);
  const fullPad = new Uint8Array(16).fill(16);
  const synthetic = new Uint8Array(await subtle.encrypt({ name: "AES-CBC", iv: last }, key, fullPad)).subarray(0, 16);
  try {
    return new Uint8Array(await subtle.decrypt({ name: "AES-CBC", iv }, key, concat(ciphertext, synthetic)));
  } catch {
    throw new BotCryptoError("AES decryption failed");
  }
}

async function encryptRaw(key: CryptoKey, iv: Bytes, plaintext: Bytes): Promise<Bytes> {
  const out = new Uint8Array(await subtle.encrypt({ name: "AES-CBC", iv }, key, plaintext));
  return out.subarray(0, plaintext.length);
}

const WECOM_BLOCK = 32;

export interface WecomCryptoOptions {
  token: string;
  /** The 43-character EncodingAESKey of the callback settings. */
  encodingAesKey: string;
  /** The CorpID for a self-built app; "" for the intelligent bot. */
  receiveId: string;
}

/** WeCom's callback crypto (加解密方案, WXBizMsgCrypt). */
export class WecomCrypto {
  private readonly aesKey: Bytes;
  private readonly iv: Bytes;
  private key?: Promise<CryptoKey>;

  constructor(private readonly options: WecomCryptoOptions) {
    if (!/^[A-Za-z0-9]{43}$/.test(options.encodingAesKey)) throw new BotCryptoError("EncodingAESKey must be 43 letters and digits");
    this.aesKey = base64ToBytes(`${options.encodingAesKey}=`);
    this.iv = this.aesKey.slice(0, 16);
  }

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= subtle.importKey("raw", this.aesKey, { name: "AES-CBC" }, false, ["encrypt", "decrypt"]);
    return this.key;
  }

  /** sha1 of the sorted [token, timestamp, nonce, encrypted], joined. */
  signature(timestamp: string, nonce: string, encrypted: string): Promise<string> {
    return sha1Hex([this.options.token, timestamp, nonce, encrypted].sort().join(""));
  }

  async verify(signature: string, timestamp: string, nonce: string, encrypted: string): Promise<boolean> {
    return timingSafeEqualText(await this.signature(timestamp, nonce, encrypted), signature.toLowerCase());
  }

  /** random(16) ‖ uint32 length ‖ message ‖ ReceiveId, padded to 32-byte blocks. */
  async decrypt(encrypted: string): Promise<string> {
    const plain = await decryptRaw(await this.cryptoKey(), this.iv, base64ToBytes(encrypted));
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > WECOM_BLOCK || pad > plain.length) throw new BotCryptoError("bad padding");
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < 20) throw new BotCryptoError("plaintext too short");
    const length = new DataView(content.buffer, content.byteOffset + 16, 4).getUint32(0);
    if (20 + length > content.length) throw new BotCryptoError("message length out of range");
    let message: string;
    let receiveId: string;
    try {
      message = decoder.decode(content.subarray(20, 20 + length));
      receiveId = decoder.decode(content.subarray(20 + length));
    } catch {
      throw new BotCryptoError("plaintext is not UTF-8");
    }
    if (!timingSafeEqualText(receiveId, this.options.receiveId)) throw new BotCryptoError("ReceiveId does not match");
    return message;
  }

  async encrypt(message: string, random: Bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
    const body = encoder.encode(message);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, body.length);
    const unpadded = concat(random, length, body, encoder.encode(this.options.receiveId));
    const pad = WECOM_BLOCK - (unpadded.length % WECOM_BLOCK);
    const padded = concat(unpadded, new Uint8Array(pad).fill(pad));
    return bytesToBase64(await encryptRaw(await this.cryptoKey(), this.iv, padded));
  }
}

/** Feishu's event decryption: key = sha256(Encrypt Key), iv = the first 16 bytes, AES-256-CBC with PKCS#7. */
export async function feishuDecrypt(encryptKey: string, encrypted: string): Promise<string> {
  const bytes = base64ToBytes(encrypted);
  if (bytes.length < 32) throw new BotCryptoError("ciphertext too short");
  const keyBytes = await subtle.digest("SHA-256", encoder.encode(encryptKey));
  const key = await subtle.importKey("raw", keyBytes, { name: "AES-CBC" }, false, ["decrypt"]);
  try {
    return decoder.decode(await subtle.decrypt({ name: "AES-CBC", iv: bytes.subarray(0, 16) }, key, bytes.subarray(16)));
  } catch {
    throw new BotCryptoError("AES decryption failed");
  }
}

/** Feishu's encryption, for tests and tools that play the platform. */
export async function feishuEncrypt(encryptKey: string, plaintext: string, iv: Bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
  const keyBytes = await subtle.digest("SHA-256", encoder.encode(encryptKey));
  const key = await subtle.importKey("raw", keyBytes, { name: "AES-CBC" }, false, ["encrypt"]);
  return bytesToBase64(concat(iv, new Uint8Array(await subtle.encrypt({ name: "AES-CBC", iv }, key, encoder.encode(plaintext)))));
}

/** X-Lark-Signature: hex sha256 of timestamp + nonce + Encrypt Key + the raw body. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): Promise<string> {
  return sha256Hex(`${timestamp}${nonce}${encryptKey}${rawBody}`);
}

/** DingTalk's robot `sign`: base64 HMAC-SHA256 keyed by the AppSecret over timestamp + "\n" + AppSecret. */
export function dingtalkSignature(timestamp: string, appSecret: string): Promise<string> {
  return hmacSha256Base64(appSecret, `${timestamp}\n${appSecret}`);
}
