import { z } from 'zod';

/**
 * Zod schemas of IAK's prepaid wire formats (spec §5 and §8). They tolerate what the docs leave open
 * or contradict: numbers sent as strings and strings as numbers (`status` is a number in top-up
 * answers but a string in callbacks and inquiries), v1 field names next to v2 ones (`code`/`hp`),
 * and both price-list envelopes. They only check shape and normalise spelling; turning values into
 * domain types is `mappers.ts`'s job.
 */

export { describeIssues } from '../../http/zod-issues.js';

/** A number or a numeric string, kept as sent so money can be parsed exactly. */
const decimal = z.union([z.number(), z.string()]);

/** Text that may be missing, null, empty or numeric; empty means "not applicable". */
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => {
    if (value === null || value === undefined) return undefined;
    const text = String(value).trim();
    return text === '' ? undefined : text;
  });

const optionalDecimal = z
  .union([decimal, z.null()])
  .optional()
  .transform((value) => (value === null || value === '' ? undefined : value));

/**
 * A response code: always a string on the wire ("00", "07", "39"), read from a number too. A number
 * loses its leading zero, so one-digit values are padded back ("7" -> "07").
 */
const optionalRc = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined) return undefined;
    const text = String(value).trim();
    if (text === '') return undefined;
    if (!/^\d{1,4}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'expected a numeric response code' });
      return z.NEVER;
    }
    return text.length === 1 ? `0${text}` : text;
  });

/** `status`: 0, 1 or 2, as a number or a numeric string. Any other integer is kept (and stays pending). */
const optionalStatus = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === '') return undefined;
    const parsed = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isInteger(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'expected an integer status' });
      return z.NEVER;
    }
    return parsed;
  });

const transactionFields = {
  ref_id: optionalText,
  status: optionalStatus,
  product_code: optionalText,
  code: optionalText,
  customer_id: optionalText,
  hp: optionalText,
  price: optionalDecimal,
  message: optionalText,
  balance: optionalDecimal,
  tr_id: optionalText,
  rc: optionalRc,
  sn: optionalText,
  pin: optionalText,
  activation_code: optionalText,
};

function normaliseTransaction(wire: z.output<z.ZodObject<typeof transactionFields>>) {
  return {
    refId: wire.ref_id,
    status: wire.status,
    rc: wire.rc,
    productCode: wire.product_code ?? wire.code,
    customerId: wire.customer_id ?? wire.hp,
    price: wire.price,
    message: wire.message,
    balance: wire.balance,
    trId: wire.tr_id,
    sn: wire.sn,
    pin: wire.pin,
    activationCode: wire.activation_code,
  };
}

/**
 * A prepaid transaction, as top-up, check-status and callbacks carry it. v2 names win over v1 names
 * (`product_code` over `code`, `customer_id` over `hp`) when both are present.
 */
export const transactionSchema = z.object(transactionFields).transform(normaliseTransaction);
export type WireTransaction = z.output<typeof transactionSchema>;

/** POST api/top-up and api/check-status. */
export const transactionResponseSchema = z.object({ data: transactionSchema });

/** What every answer shares: enough to spot an authentication or access refusal on any endpoint. */
export const rcEnvelopeSchema = z.object({
  data: z.object({
    rc: optionalRc,
    response_code: optionalRc,
    message: optionalText,
    status: optionalStatus,
  }),
});

/**
 * HTTP 400 bodies (spec §2): `data.rc` or `data.response_code`, a message, and `error_details`, a map
 * from field name to messages (seen only in a third-party client). Only the shape is checked; the
 * details are never copied into errors.
 */
export const errorBodySchema = z.object({
  data: z.object({
    rc: optionalRc,
    response_code: optionalRc,
    message: optionalText,
    status: optionalStatus,
    error_details: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export const balanceResponseSchema = z.object({
  data: z.object({ balance: decimal, message: optionalText, rc: optionalRc }),
});

/** One price-list item; checked one by one so a single broken product cannot hide the catalog. */
export const priceItemSchema = z.object({
  product_code: z.string().trim().min(1),
  product_description: optionalText,
  product_nominal: optionalText,
  product_details: optionalText,
  product_price: decimal,
  product_type: optionalText,
  active_period: optionalText,
  status: optionalText,
  icon_url: optionalText,
  product_category: optionalText,
});
export type WirePriceItem = z.output<typeof priceItemSchema>;

/**
 * The price list comes as `{"data":[...]}` in the repository's example and as
 * `{"data":{"pricelist":[...],"rc","message"}}` per the attribute table and third-party clients
 * (spec §5.4, open question 1); both are read. Items stay unparsed here.
 */
export const priceListResponseSchema = z
  .object({
    data: z.union([
      z.array(z.unknown()),
      z.object({
        pricelist: z.array(z.unknown()).nullish(),
        rc: optionalRc,
        message: optionalText,
      }),
    ]),
  })
  .transform(({ data }) =>
    Array.isArray(data)
      ? { items: data, rc: undefined, message: undefined }
      : { items: data.pricelist ?? [], rc: data.rc, message: data.message },
  );

/** POST api/inquiry-pln (v2 names; v1 `hp` also read). Every value is a string on the wire. */
export const plnInquiryResponseSchema = z.object({
  data: z
    .object({
      status: optionalStatus,
      customer_id: optionalText,
      hp: optionalText,
      meter_no: optionalText,
      subscriber_id: optionalText,
      name: optionalText,
      segment_power: optionalText,
      message: optionalText,
      rc: optionalRc,
    })
    .transform((wire) => ({
      status: wire.status,
      rc: wire.rc,
      message: wire.message,
      customerId: wire.customer_id ?? wire.hp,
      meterNo: wire.meter_no,
      subscriberId: wire.subscriber_id,
      name: wire.name,
      segmentPower: wire.segment_power,
    })),
});
export type WirePlnInquiry = z.output<typeof plnInquiryResponseSchema>['data'];

/** A callback body: the transaction (every value a string on the wire) plus its `sign`. */
export const callbackBodySchema = z.object({
  data: z
    .object({ ...transactionFields, sign: optionalText })
    .transform((wire) => ({ ...normaliseTransaction(wire), sign: wire.sign })),
});
