import type { FailureCode } from '../../payments/failure.js';
import type { AccountFormat } from '../../payments/types.js';
import type { LedgerEntryKind } from '../../wallet/ledger.js';
import type { TopupMethod } from '../../wallet/topups.js';
import type { PurchaseNature } from '../flow/product-kind.js';

/** The states whose order's price goes back to the wallet (the note of a `purchase_returned` entry). */
export type ReturnedOrderState = 'failed' | 'rejected' | 'cancelled' | 'refunded';

/** Category names translated on the menu (lower case; see `menu.categoryNames`). */
export const KNOWN_CATEGORIES = [
  'prepaid',
  'postpaid',
  'mobile postpaid',
  'internet',
  'utilities',
  'education',
  'gift card',
  'gift cards',
  'travel esim',
  'jompay',
  'other',
] as const;

export type KnownCategory = (typeof KNOWN_CATEGORIES)[number];

/**
 * Every user-facing string, one dictionary per locale with this shape. Strings may contain Telegram
 * HTML (<b>, <i>, <code>); arguments are inserted as given, so callers pass values already escaped
 * (views do), except in `plain` and `toasts`, which are plain text (share text, callback answers).
 * Amounts and dates arrive formatted.
 */
export interface Messages {
  /** The language's own name, as shown on the language screen. */
  languageName: string;

  buttons: {
    shop: string;
    shopAgain: string;
    myOrders: string;
    help: string;
    language: string;
    back: string;
    cancel: string;
    home: string;
    prevPage: string;
    nextPage: string;
    confirm: string;
    change: string;
    retry: string;
    tryAgain: string;
    refresh: string;
    keep: (value: string) => string;
    payOutstanding: (amount: string) => string;
    clearSearch: string;
    copyPin: string;
    openVoucher: string;
    viewEbill: string;
    share: string;
    openPrivateChat: string;
  };

  home: {
    welcome: string;
  };

  menu: {
    chooseCategory: string;
    chooseProduct: (category: string) => string;
    /** A product listed but not for sale now (plain text: a button caption). */
    unavailable: (name: string) => string;
    empty: string;
    page: (page: number, pages: number) => string;
    /**
     * The provider's group and category names the shop knows, by their name in lower case; any other
     * category is shown as the provider wrote it (plain text: button captions).
     */
    categoryNames: Readonly<Record<KnownCategory, string>>;
  };

  purchase: {
    /** The product's network is interrupted; worded for what is being bought (PurchaseNature). */
    networkWarning: Record<PurchaseNature, string>;
    /** Under the product name, when the provider says how long the credit lasts. */
    validForDays: (days: number) => string;
    typeAccount: (label: string) => string;
    phoneHint: (example: string) => string;
    nricHint: string;
    digitsHint: string;
    biller: (biller: string) => string;
    chooseBiller: string;
    billerSearchResults: (search: string) => string;
    noBillers: (search: string) => string;
    narrowSearch: string;
    ref2Prompt: string;
    plansFor: (account: string) => string;
    accountsFor: (nric: string) => string;
    noPlans: string;
    noAccounts: string;
    chooseAmount: string;
    typeAmountRange: (min: string, max: string) => string;
    typeAmountOpen: string;
    /** An amount without a provider's range, capped by the shop's per-order maximum. */
    typeAmountUpTo: (max: string) => string;
    /**
     * Instead of a typing prompt: the provider's smallest amount for this choice is above the shop's
     * per-order maximum, so nothing can be ordered; the buyer goes back.
     */
    minimumAboveOrderMax: (min: string, max: string) => string;
    wholeUnitsOnly: string;
    checkOrder: string;
    tapConfirm: string;
    /** On the confirm screen, instead of tapConfirm: the wallet (as read with the quote) lacks `shortfall`. */
    balanceShort: (balance: string, shortfall: string) => string;
    processing: string;
    processingNote: string;
    done: string;
  };

  loading: {
    catalog: string;
    product: string;
    options: string;
    billers: string;
    bill: string;
    history: string;
    order: string;
  };

  /** Labels of the bill card and of summaries (without the trailing colon). */
  labels: {
    product: string;
    biller: string;
    customerName: string;
    outstanding: string;
    balance: string;
    dataBalance: string;
    address: string;
    /** A bill's due date (BillPresentment.dueDate). */
    dueDate: string;
    /** A biller's field that came without a label of its own (BillPresentment.customFields). */
    detail: string;
    option: string;
    plan: string;
    account: string;
    ref2: string;
    payerId: string;
    amount: string;
    validity: string;
    serial: string;
    pin: string;
    expiry: string;
    voucher: string;
    note: string;
    reference: string;
    time: string;
    reason: string;
    /** Labels the provider's own remark, shown as written (untrusted, in the provider's language). */
    providerNote: string;
  };

  bill: {
    title: string;
  };

  /** What an account of each shape looks like, for the "that is not …" notice. */
  accountFormats: Record<AccountFormat, string>;

  /** Receipts: what was delivered and what happened to the money. */
  receipt: {
    activationCode: string;
    copyActivationCode: string;
    copySerial: string;
    /**
     * The one note on where the eSIM's QR code is: the picture sent after the receipt and, with
     * `esimQrWithLink`, the install link the provider gave (its own note is left off eSIM receipts).
     */
    esimQr: string;
    esimQrWithLink: string;
    /** The button of an eSIM's install link (a voucher's is buttons.openVoucher). */
    installEsim: string;
    esimSteps: string;
    /** Caption of the eSIM's QR image (plain text). */
    esimQrCaption: (product: string) => string;
    plnToken: string;
    copyToken: string;
    kwh: string;
    tariffPower: string;
    moneyBeingReturned: (amount: string) => string;
    notCharged: string;
    refundedByProvider: string;
  };

  /** JomPAY's eKYC rule: verified payers only, and the admins' /verify and /unverify. */
  jompay: {
    unverifiedTitle: string;
    /** To a buyer not verified; `userId` is what they give the shop to be verified. */
    unverified: (userId: string) => string;
    /** Under the biller on the purchase screens: who pays, masked. */
    payerLine: (masked: string) => string;
    billerUnknown: (code: string) => string;
    verifyUsage: string;
    unverifyUsage: string;
    verified: (userId: string, masked: string) => string;
    replaced: (masked: string) => string;
    removed: (userId: string) => string;
    notVerified: (userId: string) => string;
    /** Added to admin replies while JOMPAY_ENABLED is off. */
    disabledNote: string;
  };

  notices: {
    phoneInvalid: (example: string) => string;
    nricInvalid: string;
    payerIdInvalid: string;
    accountEmpty: string;
    accountDigitsOnly: string;
    accountTooLong: (max: number) => string;
    amountFormat: string;
    amountNotPositive: string;
    amountTooPrecise: (digits: number) => string;
    amountTooLow: (min: string) => string;
    amountTooHigh: (max: string) => string;
    /** Digits too many to count, where no maximum is known to name. */
    amountTooLarge: string;
    amountWholeUnits: string;
    amountNotAChoice: (choices: string) => string;
    billInvalid: (message: string) => string;
    billInvalidNoReason: string;
    /** The provider says paying this account now would fail (validity false); its reason. */
    billBlocked: (message: string) => string;
    amountRefused: (message: string) => string;
    amountRefusedNoReason: string;
    /** `format` is one of `accountFormats`. */
    accountFormat: (format: string) => string;
    accountWrongOperator: (operator: string) => string;
    accountWrongOperatorUnnamed: string;
    ref2Required: (message: string) => string;
    billSkipped: string;
    cancelled: string;
    cancelledAfterConfirm: string;
    alreadyProcessing: string;
    expired: string;
    useButtons: string;
    unknownCommand: string;
    languageChanged: string;
    productUnavailable: string;
    priceAboveOrderMax: (limit: string) => string;
    orderNotFound: string;
    quoteRefreshed: string;
  };

  errors: {
    tellUser: (reason: string) => string;
    tellUserNoReason: string;
    tryLater: string;
    keepPending: string;
    fixConfig: string;
    report: string;
    internal: string;
    orderNotPlaced: string;
    safeToRetry: string;
  };

  history: {
    title: string;
    tapOne: string;
    empty: string;
  };

  orders: {
    processingTitle: string;
    processingBody: string;
    /** After a Refresh of an order in progress: when the provider was last asked about it. */
    lastChecked: (time: string) => string;
    needsAttentionTitle: string;
    needsAttentionBody: string;
    succeededTitle: string;
    failedTitle: string;
    failedBody: string;
    noReason: string;
    /** The order's price went back into the buyer's shop wallet. */
    returned: (price: string) => string;
    returnedWithBalance: (price: string, balance: string) => string;
    /** A delivered order's price, taken from the buyer's shop wallet. */
    paid: (price: string) => string;
    paidWithBalance: (price: string, balance: string) => string;
    refundedTitle: string;
    refundedBody: string;
    cancelledTitle: string;
    cancelledBody: string;
  };

  /**
   * Plain text (views escape it): why an order did not deliver, one sentence per failure code the
   * payments core records. A Record, so a new code does not compile until every locale words it.
   */
  failures: Record<FailureCode, string>;

  /** The buyer's shop wallet: balance, statement, top-ups by transfer, and the price at Confirm. */
  wallet: {
    buttons: {
      wallet: string;
      topup: string;
      backToOrder: string;
    };
    /** On the main menu and the home screen. */
    balanceLine: (balance: string) => string;
    statementTitle: string;
    balance: (balance: string) => string;
    empty: string;
    /** Entries `from`–`to` of `total`, newest first. */
    range: (from: number, to: number, total: number) => string;
    kinds: Record<LedgerEntryKind, string>;
    /**
     * The notes the shop itself writes on entries, as words (stored as internal names: the top-up's
     * method, the returned order's state, a Stars refund). An admin's own note is shown as written.
     */
    entryNotes: {
      topup: Record<TopupMethod, string>;
      returned: Record<ReturnedOrderState, string>;
      starsRefund: string;
      /** For admins: who refunded the Stars. */
      starsRefundBy: (adminId: string) => string;
      /** A reversal for a refund Telegram reported that nobody asked for here. */
      starsRefundedElsewhere: string;
      /** The credit put back: Telegram refused the Stars refund. */
      starsRefundRefused: string;
    };
    loading: string;
    quoting: string;
    sendingClaim: string;
    /** Confirm screen, when the price differs from the face value. */
    faceValue: string;
    youPay: string;
    insufficientTitle: string;
    insufficient: (balance: string, price: string, shortfall: string) => string;
    topupChooseAmount: string;
    topupTypeAmount: (min: string, max: string) => string;
    topupPayTitle: (amount: string) => string;
    topupSendEvidence: string;
    topupSentTitle: string;
    topupSentBody: (amount: string) => string;
    topupExpires: (when: string) => string;
    reference: (reference: string) => string;
    photoAttached: string;
    evidenceNeeded: string;
    referenceInvalid: string;
    topupUnavailable: string;
    /** Top-ups that settle themselves (Billplz, Stars). */
    payOnlineButton: string;
    payStarsButton: string;
    orPayOnline: string;
    onlineOnly: string;
    startingOnline: string;
    onlineNotStarted: string;
    billplzTitle: (amount: string) => string;
    billplzBody: string;
    billplzOpen: string;
    starsTitle: (amount: string, stars: number) => string;
    starsBody: string;
    onlineExpires: (when: string) => string;
    /** Sent when a top-up of any method is credited. */
    topupCredited: (amount: string, balance: string) => string;
  };

  /** Top-up claims as the admins and the buyer see them once sent. Toasts are plain text. */
  topupReview: {
    claimTitle: string;
    buyer: (userId: string) => string;
    amount: (amount: string) => string;
    reference: (reference: string) => string;
    noReference: string;
    photoAbove: string;
    sent: (when: string) => string;
    expires: (when: string) => string;
    approve: string;
    reject: string;
    approvedBy: (adminId: string, when: string) => string;
    rejectedBy: (adminId: string, when: string) => string;
    toastApproved: string;
    toastRejected: string;
    toastNotAdmin: string;
    toastAlreadyDecided: string;
    toastExpired: string;
    toastOwnClaim: string;
    toastMissing: string;
    /**
     * The heading of a claim whose reference or receipt photo another claim used too (a transfer
     * claimed twice, or a legitimate re-send); admins only, never the buyer.
     */
    proofWarning: string;
    /** One matching claim: what it shares, its id and buyer (HTML-ready), where it stands. */
    proofMatch: (
      shared: string,
      claimId: string,
      buyer: string,
      standing: string,
      earlier: boolean,
    ) => string;
    proofShared: { reference: string; photo: string; both: string };
    /** Where the matching claim stands; `unknown` when it cannot be read. */
    standings: { pending: string; approved: string; rejected: string; expired: string; unknown: string };
    /** The only approve button of a flagged claim: a plain Approve on it asks for this instead. */
    approveAnyway: string;
    /** `button`: the "Approve anyway" label as the admin card shows it (cards are in DEFAULT_LOCALE). */
    toastConfirmNeeded: (button: string) => string;
    /** Approve anyway refused: a matching claim was approved after the card was drawn. */
    toastMatchesChanged: (button: string) => string;
    buyerApproved: (amount: string, balance: string) => string;
    buyerRejected: (amount: string) => string;
    openTitle: (count: number) => string;
    openNone: string;
  };

  help: {
    /** How to buy; the commands follow, each with its menu description (`commands`). */
    text: string;
    commandsTitle: string;
  };

  /** /privacy: what the shop keeps about a buyer, and who else sees it. */
  privacy: {
    text: string;
    /** The shop's own full policy (PRIVACY_POLICY_URL), given already HTML-escaped. */
    policyLink: (url: string) => string;
  };

  language: {
    choose: string;
  };

  privateOnly: {
    text: string;
  };

  /** Who may buy: refusals, daily limits and flood control. */
  access: {
    /** To a buyer who is not on the allowlist; `userId` lets the owner add them. */
    notAllowed: (userId: string) => string;
    slowDown: string;
    refusedTitle: string;
    notAllowedToOrder: string;
    dailyCountReached: (limit: number) => string;
    dailyAmountReached: (limit: string) => string;
    dailyAmountLeft: (remaining: string, limit: string) => string;
    chooseSmaller: string;
    resetsAt: (when: string) => string;
    /** One order above the shop's per-order maximum. */
    orderTooLarge: (limit: string) => string;
  };

  /** Replies to the admin commands (/balance, /order, /pending, /stats). */
  admin: {
    failed: (reason: string) => string;
    balanceTitle: string;
    readOnly: string;
    belowThreshold: string;
    orderUsage: string;
    orderNotFound: (refid: string) => string;
    orderTitle: string;
    requeried: string;
    requeryBusy: string;
    finalNotRequeried: string;
    requeryFailed: (reason: string) => string;
    historyTitle: string;
    pinDelivered: string;
    pendingTitle: (count: number) => string;
    pendingNone: string;
    pendingMore: (count: number) => string;
    statsTitle: (day: string) => string;
    statsTruncated: (count: number) => string;
    costUnknown: (count: number) => string;
    noRate: string;
    /** Successful orders that carried no charge (BUYER_PAYMENT=none): their sales count as zero. */
    uncharged: (count: number) => string;
    labels: {
      account: string;
      name: string;
      level: string;
      balance: string;
      threshold: string;
      state: string;
      buyer: string;
      product: string;
      amount: string;
      cost: string;
      provider: string;
      attempts: string;
      created: string;
      updated: string;
      reason: string;
      /** The provider's own code and remark on a failure. */
      providerSaid: string;
      serial: string;
      pin: string;
      orders: string;
      buyers: string;
      succeeded: string;
      failed: string;
      refunded: string;
      cancelled: string;
      inProgress: string;
      needsAttention: string;
      successRate: string;
      volume: string;
      /** What the buyers paid for the successful orders. */
      sales: string;
      /** Sales minus the provider's cost. */
      margin: string;
    };
    /** Order states as the admins read them. */
    states: {
      confirmed: string;
      submitted: string;
      pending: string;
      needs_attention: string;
      succeeded: string;
      failed: string;
      refunded: string;
      rejected: string;
      cancelled: string;
    };
    duration: {
      minutes: (minutes: number) => string;
      hours: (hours: number, minutes: number) => string;
      days: (days: number, hours: number) => string;
    };
  };

  /** Messages the bot sends the admins by itself. */
  alerts: {
    unsellable: (name: string, code: string, detail: string) => string;
    shopUnavailable: (refid: string, said: string) => string;
    soldAtLoss: (refid: string, product: string, price: string, cost: string) => string;
    notifyFailed: (refid: string, userId: string, detail: string) => string;
    /** Telegram refunded a Stars charge whose credit the buyer had spent; the wallet was not touched. */
    starsRefundShort: (
      userId: string,
      amount: string,
      balance: string,
      stars: number,
      topupId: string,
    ) => string;
    lowBalance: (balance: string, threshold: string) => string;
    needsAttention: string;
    needsAttentionHint: (refid: string) => string;
    needsAttentionPaused: (minutes: number) => string;
    moreNeedAttention: (count: number) => string;
    providerErrors: (count: number, minutes: number) => string;
    lastError: (detail: string) => string;
    providerErrorsHint: string;
  };

  /** Plain text, no HTML: the command menus (BotFather-style descriptions, at most 256 characters). */
  commands: {
    start: string;
    help: string;
    privacy: string;
    /** Only in the menus of a shop with Stars top-ups. */
    paysupport: string;
    terms: string;
    history: string;
    lang: string;
    cancel: string;
    wallet: string;
    balance: string;
    order: string;
    pending: string;
    stats: string;
    verify: string;
    unverify: string;
    topups: string;
    reconcile: string;
    export: string;
    reported: string;
    credit: string;
    debit: string;
    audit: string;
    margin: string;
    prices: string;
    /** /wallet as the admins' menu describes it (their own wallet, or a buyer's with an id). */
    adminWallet: string;
  };

  /** Plain text, no HTML: answers to button presses. */
  toasts: {
    expired: string;
    notAllowed: string;
    slowDown: string;
  };

  /** Stars payments, /paysupport and /terms, and the admins' /refundstars. */
  payins: PayinMessages;

  /** Plain text, no HTML: the share message of a receipt. */
  plain: {
    shareTitle: (product: string, amount: string) => string;
  };

  dates: {
    /** Short month names, January first. */
    months: readonly [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
  };

  /** The owner's price rules: /prices, /margin and the preview of a change. */
  pricing: {
    title: string;
    noRules: string;
    marginHeading: string;
    feeHeading: string;
    /** Which set a change is in, as a short label. */
    marginSet: string;
    feeSet: string;
    scopeDefault: string;
    scopeProduct: (code: string) => string;
    scopeGroup: (name: string) => string;
    scopeCategory: (name: string) => string;
    /** A rule's rounding, after its percentage and amount. */
    rounded: (step: string) => string;
    /** No rule applies: the provider's price. */
    atCost: string;
    change: (before: string, after: string) => string;
    previewTitle: (target: string) => string;
    previewSamples: string;
    previewNone: string;
    /** /margin for a product code the catalog does not list; `code` is already HTML. */
    unknownProduct: (code: string) => string;
    similarCodes: (codes: string) => string;
    unchanged: string;
    marginOf: (amount: string) => string;
    cleared: string;
    saved: string;
    stale: string;
    currencyMismatch: (rules: string, shop: string) => string;
    usage: string;
    problems: {
      unknownTarget: (word: string) => string;
      missingName: (scope: string) => string;
      missingRule: string;
      badPercent: (word: string) => string;
      percentTooLarge: (word: string) => string;
      badAmount: (word: string) => string;
      amountTooLarge: (word: string) => string;
      zeroStep: (word: string) => string;
      negative: (word: string) => string;
      bareNumber: (word: string) => string;
      repeated: (word: string) => string;
      clearWithRule: string;
      unknownWord: (word: string) => string;
    };
  };

  /** Reconciliation, exports and Report Issue: /reconcile, /export, /reported and the receipt button. */
  books: {
    reportIssueButton: string;
    /** In our words, never the provider's (its text may promise an email the buyer never gave). */
    reportIssueAccepted: (reference: string) => string;
    reportIssueRefused: (reference: string) => string;
    /** The order was reported before; the answer then. */
    reportIssueEarlier: (answer: string) => string;
    reportIssueNotPossible: string;
    reportIssueFailed: string;
    reconcileUsage: string;
    reconcileBusy: string;
    reconcileUnavailable: string;
    reportTitle: (provider: string, day: string) => string;
    reportCounts: (orders: number, transactions: number) => string;
    reportClean: string;
    reportUnknownHeading: string;
    reportUnknownNotListed: string;
    reportLateRefundsHeading: string;
    reportLateRefund: (refid: string, price: string, result: string) => string;
    lateRefundResults: { returned: string; already: string; skipped: string };
    reportStatesHeading: string;
    reportStateLine: (refid: string, shop: string, provider: string, kind: string) => string;
    stateKinds: {
      'provider-success-shop-failure': string;
      'shop-success-provider-failure': string;
      other: string;
    };
    reportValuesHeading: string;
    reportMissingHeading: string;
    reportBalance: (moved: string, expected: string, difference: string) => string;
    exportUsage: string;
    exportCaption: (kind: string, from: string, to: string, rows: number) => string;
    exportTooLong: string;
    reportedTitle: string;
    reportedNone: string;
  };
  /**
   * The admins' wallet commands (/credit, /debit, /wallet <user id>, /audit), their confirmations,
   * the buyer's notice of an adjustment, and the Confirm / Cancel presses of pending admin actions
   * (also /margin's Apply). `toasts` are plain text.
   */
  walletAdmin: {
    usageCredit: string;
    usageDebit: string;
    usageWallet: string;
    usageAudit: string;
    badUserId: (word: string) => string;
    badPage: (word: string) => string;
    badAmount: (word: string, why: string) => string;
    /** /credit or /debit above ADMIN_ADJUST_MAX_AMOUNT: the limit, and the setting that raises it. */
    aboveAdjustLimit: (word: string, limit: string, setting: string) => string;
    /** `/wallet <user id>` of a wallet without entries; `credit` is the command to credit it (HTML). */
    walletEmpty: (credit: string) => string;
    /** /wallet <id> <page> past the last page of a wallet that has entries (`page` counts from 1). */
    noSuchPage: (page: number, entries: number, pages: number) => string;
    selfCredit: string;
    creditTitle: string;
    debitTitle: string;
    buyer: (userId: string) => string;
    amount: (amount: string) => string;
    note: (note: string) => string;
    balanceChange: (before: string, after: string) => string;
    confirmHint: (minutes: number) => string;
    /**
     * A credit's preview when the buyer has orders still paid from the wallet whose outcome is open:
     * each comes back by itself if it fails, so a credit for it would return it twice.
     */
    unsettledOrders: (orders: string) => string;
    confirm: string;
    apply: string;
    cancel: string;
    credited: (amount: string, userId: string, adminId: string, balance: string) => string;
    debited: (amount: string, userId: string, adminId: string, balance: string) => string;
    insufficient: (userId: string, balance: string, amount: string) => string;
    cancelled: string;
    buyerNotTold: string;
    buyerCredited: (amount: string, balance: string) => string;
    buyerDebited: (amount: string, balance: string) => string;
    buyerNote: (note: string) => string;
    walletTitle: (userId: string) => string;
    auditOk: (userId: string, balance: string, entries: number) => string;
    auditProblems: (userId: string, count: number) => string;
    auditAllTitle: (wallets: number, ok: number, problems: number) => string;
    auditNone: string;
    auditMore: (count: number) => string;
    auditPartial: (audited: number, total: number) => string;
    pricingHint: (minutes: number) => string;
    pricingCancelled: string;
    toasts: {
      done: string;
      alreadyApplied: string;
      cancelled: string;
      alreadyCancelled: string;
      refused: string;
      stale: string;
      expired: string;
      notAdmin: string;
      busy: string;
      failed: string;
    };
  };
}

/** Telegram Stars top-ups and the payment commands Telegram's terms ask for. */
export interface PayinMessages {
  /** Plain text, at most 32 characters. */
  invoiceTitle: string;
  /** Plain text, at most 255 characters. */
  invoiceDescription: (amount: string) => string;
  invoiceLabel: (amount: string) => string;
  /**
   * Plain text shown by Telegram when a pre-checkout is declined; `declinePaid` when the invoice's
   * top-up was paid already (a second tap on the same invoice).
   */
  declinePaid: string;
  declineExpired: string;
  declineChanged: string;
  declineNotYours: string;
  declineUnknown: string;
  declineUnavailable: string;
  paymentUnmatched: string;
  paysupport: (contact: string | undefined) => string;
  terms: string;
  refundUsage: string;
  /**
   * /refundstars answers. Each says what happened to the buyer's wallet and to the Stars; `reason`
   * is Telegram's own words, escaped.
   */
  refundDone: (amount: string, stars: number, balance: string) => string;
  /** Asked again after an unclear answer: Telegram had refunded it; the wallet was not touched again. */
  refundCompleted: (amount: string, stars: number, balance: string) => string;
  /** Telegram refused: the credit taken back was put back. */
  refundRefused: (reason: string, amount: string, balance: string) => string;
  /** No clear answer: the credit stays taken back; the same command again settles it. */
  refundUnknown: (reason: string, amount: string, stars: number) => string;
  refundAlreadyDone: (amount: string, stars: number) => string;
  refundLegacyReversed: (amount: string, stars: number, userId: string) => string;
  /** Refunded outside the bot while the credit was spent (`refund_short`). */
  refundShortAlready: (amount: string, stars: number, userId: string) => string;
  /** Another /refundstars (or Telegram's report) settled it meanwhile. */
  refundSettledElsewhere: (state: string) => string;
  refundInsufficient: (balance: string, amount: string) => string;
  refundUnmatchedDone: (stars: number) => string;
  refundUnmatchedRefused: (reason: string) => string;
  refundUnmatchedUnknown: (reason: string) => string;
  refundNotFound: string;
  refundNotCredited: (state: string) => string;
  /** To the buyer, on Telegram's refunded_payment: what happened to their wallet. */
  refundedBuyerReversed: (stars: number, amount: string, balance: string) => string;
  refundedBuyerTakenBefore: (stars: number, amount: string, balance: string) => string;
  refundedBuyerShort: (stars: number, amount: string) => string;
  refundedBuyerUncredited: (stars: number) => string;
  unmatchedAlert: (method: string, payerId: string, amount: string, reason: string) => string;
  billplzMismatchAlert: (topupId: string, problem: string) => string;
}
