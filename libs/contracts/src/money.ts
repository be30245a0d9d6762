import { z } from 'zod';

/**
 * Money and prices travel as decimal strings, never as JS numbers, so that no
 * value is ever rounded by binary floating point between request and rollup.
 */
export const USD_SCALE = 12;

/** A non-negative USD amount with at most 12 decimal places, e.g. "0.000275". */
export const usdAmount = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a non-negative decimal string with at most 12 decimal places, e.g. "0.0125"');

/** USD per million tokens with at most 6 decimal places, e.g. "2.50". */
export const pricePerMillion = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a non-negative decimal string (USD per million tokens) with at most 6 decimal places, e.g. "2.50"');

export type UsdAmount = z.infer<typeof usdAmount>;
export type PricePerMillion = z.infer<typeof pricePerMillion>;
