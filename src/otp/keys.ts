/**
 * The names stores file their records under, one scheme for every store, so a
 * Redis key list and the memory store's map read the same. A phone is digits
 * only; a purpose or an IP is free text, so each stands where its end is fixed
 * (last, or before a `:sent:<digits>` suffix) and no two records can share a name.
 */

/** The number's cooldown; holds the hash of the code that started it. */
export const cooldownKey = (prefix: string, phone: string): string => `${prefix}phone:${phone}:cooldown`;

/** The number's code for one purpose: its hash, expiry and attempts left. */
export const codeKey = (prefix: string, phone: string, purpose: string): string => `${prefix}phone:${phone}:code:${purpose}`;

/** Sends counted in the number's window of `windowMs`. */
export const phoneSentKey = (prefix: string, phone: string, windowMs: number): string => `${prefix}phone:${phone}:sent:${windowMs}`;

/** Sends counted in the IP's window of `windowMs`. */
export const ipSentKey = (prefix: string, ip: string, windowMs: number): string => `${prefix}ip:${ip}:sent:${windowMs}`;

/** Wrong guesses counted in the number's failures window of `windowMs`. */
export const failuresKey = (prefix: string, phone: string, windowMs: number): string => `${prefix}phone:${phone}:failures:${windowMs}`;
