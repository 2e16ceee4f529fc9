import type { Messages } from './messages.js';

export const en: Messages = {
  languageName: 'English',

  buttons: {
    shop: '🛒 Shop',
    shopAgain: '🛒 Buy something else',
    myOrders: '🧾 My orders',
    help: '❓ Help',
    language: '🌐 Language',
    back: '⬅️ Back',
    cancel: '✖️ Cancel',
    home: '🏠 Home',
    prevPage: '◀️ Previous',
    nextPage: 'Next ▶️',
    confirm: '✅ Confirm and pay',
    change: '✏️ Change',
    retry: '🔁 Try again',
    tryAgain: '🔁 Try again',
    refresh: '🔄 Refresh',
    keep: (value) => `↩️ Use ${value}`,
    payOutstanding: (amount) => `Pay the outstanding ${amount}`,
    clearSearch: '✖️ Clear search',
    copyPin: '📋 Copy PIN',
    openVoucher: '🎁 Open voucher',
    viewEbill: '📄 View e-bill',
    share: '📤 Share',
    openPrivateChat: '💬 Open a private chat',
  },

  home: {
    welcome:
      '👋 <b>Welcome!</b>\nBuy mobile reloads, data plans, bill payments, vouchers and eSIMs right here in Telegram.',
  },

  menu: {
    chooseCategory: '🛒 <b>What would you like to buy?</b>',
    chooseProduct: (category) => `<b>${category}</b>\nChoose a product:`,
    unavailable: (name) => `🚫 ${name} (unavailable)`,
    empty: 'Nothing is on sale right now. Please check again later.',
    page: (page, pages) => `Page ${page} of ${pages}`,
    categoryNames: {
      prepaid: 'Prepaid',
      postpaid: 'Postpaid',
      'mobile postpaid': 'Mobile Postpaid',
      internet: 'Internet',
      utilities: 'Utilities',
      education: 'Education',
      'gift card': 'Gift Card',
      'gift cards': 'Gift Cards',
      'travel esim': 'Travel eSIM',
      jompay: 'JomPAY',
      other: 'Other',
    },
  },

  purchase: {
    validForDays: (days) => `Valid for ${days} ${days === 1 ? 'day' : 'days'}.`,
    networkWarning: {
      topup: '⚠️ <b>Interruption!</b> Your top-up might be slow or not go through. We are fixing it!',
      payment: '⚠️ <b>Interruption!</b> Your payment might be slow or not go through. We are fixing it!',
      purchase: '⚠️ <b>Interruption!</b> Your order might be slow or not go through. We are fixing it!',
    },
    typeAccount: (label) => `Please type the <b>${label}</b>:`,
    phoneHint: (example) => `For example: ${example}`,
    nricHint: '12 digits, with or without dashes. For example: 900101-14-5678',
    digitsHint: 'Digits only.',
    biller: (biller) => `Biller: <b>${biller}</b>`,
    chooseBiller:
      'Type the <b>biller code</b>, or a few letters of the biller’s name to search, or pick one below:',
    billerSearchResults: (search) => `Billers matching “${search}”:`,
    noBillers: (search) => `No biller matches “${search}”. Try another name, or type the biller code.`,
    narrowSearch: 'Not there? Type more of the name.',
    ref2Prompt: 'This biller also needs <b>Ref-2</b>. Please type it:',
    plansFor: (account) => `Plans available for <b>${account}</b>:`,
    accountsFor: (nric) => `Accounts registered to IC <b>${nric}</b>:`,
    noPlans: 'No plans are available for this number right now. Check the number, or try again later.',
    noAccounts: 'No accounts were found for this IC number. Please check it and try again.',
    chooseAmount: 'Choose an amount:',
    typeAmountRange: (min, max) => `Type the amount to pay, from <b>${min}</b> to <b>${max}</b>:`,
    typeAmountOpen: 'Type the amount to pay:',
    typeAmountUpTo: (max) => `Type the amount to pay, up to <b>${max}</b>:`,
    minimumAboveOrderMax: (min, max) =>
      `🚫 The smallest amount for this is <b>${min}</b>, above the most one order may cost in this shop, <b>${max}</b>, so it cannot be ordered here. Tap <b>Back</b> to choose something else.`,
    wholeUnitsOnly: 'Whole amounts only, without cents.',
    checkOrder: '🧾 <b>Please check your order</b>',
    balanceShort: (balance, shortfall) =>
      `👛 Your wallet holds <b>${balance}</b>, <b>${shortfall}</b> short of this price. Top up first, or Confirm will be refused.`,
    tapConfirm: 'Tap <b>Confirm and pay</b> to place the order.',
    processing: '⏳ <b>Processing your order…</b>',
    processingNote: 'This message will show the result.',
    done: 'Your order is on its way: its message above shows the result. Would you like anything else?',
  },

  loading: {
    catalog: '⏳ Loading the menu…',
    product: '⏳ Loading the product…',
    options: '⏳ Looking up what is available…',
    billers: '⏳ Loading billers…',
    bill: '⏳ Checking the account…',
    history: '⏳ Loading your orders…',
    order: '⏳ Placing your order…',
  },

  labels: {
    product: 'Product',
    biller: 'Biller',
    customerName: 'Name',
    outstanding: 'Outstanding',
    balance: 'Balance',
    dataBalance: 'Data balance',
    address: 'Address',
    dueDate: 'Due date',
    detail: 'Detail',
    option: 'Option',
    plan: 'Plan',
    account: 'Account',
    ref2: 'Ref-2',
    payerId: 'Payer IC / passport',
    amount: 'Amount',
    validity: 'Validity',
    serial: 'Serial number',
    pin: 'PIN',
    expiry: 'Expires',
    voucher: 'Voucher',
    note: 'Note',
    reference: 'Reference',
    time: 'Time',
    reason: 'Reason',
    providerNote: 'The provider’s note',
  },

  bill: {
    title: '🧾 <b>Bill details</b>',
  },

  accountFormats: {
    'id-phone': 'an Indonesian mobile number (like 0812-3456-7890)',
    'international-phone': 'a phone number with its country code (like 60123456789)',
    alipay: 'an Alipay account in the form CountryCode|PhoneNumber_Name (like 62|62812345678_IDSL)',
    meter: 'a meter number (11 or 12 digits)',
    'game-id': 'a player id (parts separated by |, like 156378300|8483)',
    'free-text': 'a valid account (at most 64 characters)',
  },

  receipt: {
    activationCode: 'Activation code',
    copyActivationCode: '📋 Copy activation code',
    copySerial: '📋 Copy serial number',
    esimQr: "📷 The eSIM's QR code is in the picture sent after this receipt.",
    esimQrWithLink:
      "📷 The eSIM's QR code is in the picture sent after this receipt, and on its install page (the button below).",
    installEsim: '📲 Install the eSIM',
    esimSteps:
      'To install: open Settings → Mobile data (or Connections → SIM manager) → Add eSIM → Scan QR code. Or choose “Enter details manually” and paste the activation code. Install it before you travel, on Wi-Fi, and turn it on when you arrive.',
    esimQrCaption: (product) => `eSIM QR code: ${product}`,
    plnToken: 'PLN token',
    copyToken: '📋 Copy token',
    kwh: 'kWh',
    tariffPower: 'Tariff / power',
    moneyBeingReturned: (amount) => `💰 ${amount} is being returned to your wallet.`,
    notCharged: '💰 You were not charged.',
    refundedByProvider: '💰 The provider gave the amount back.',
  },

  jompay: {
    unverifiedTitle: '🪪 <b>JomPAY needs a verified payer</b>',
    unverified: (userId) =>
      `JomPAY payments must name a payer whose identity the shop has checked (eKYC), and yours has not been checked yet. Nothing was charged.\nTo be verified, send the shop your IC or passport with your user id <code>${userId}</code>.`,
    payerLine: (masked) => `Payer (verified): <b>${masked}</b>`,
    billerUnknown: (code) =>
      `❗ No JomPAY biller has the code <b>${code}</b>. Please check the code on your bill, or search by name.`,
    verifyUsage:
      'Usage: <code>/verify &lt;user id&gt; &lt;IC or passport&gt;</code>, after checking the buyer’s identity document (eKYC).',
    unverifyUsage: 'Usage: <code>/unverify &lt;user id&gt;</code>',
    verified: (userId, masked) => `🪪 Buyer ${userId} may now pay JomPAY, as payer <b>${masked}</b>.`,
    replaced: (masked) => `Their earlier verification (<b>${masked}</b>) was replaced.`,
    removed: (userId) => `Buyer ${userId} may no longer pay JomPAY.`,
    notVerified: (userId) => `Buyer ${userId} was not verified.`,
    disabledNote: 'JomPAY is off in this shop (JOMPAY_ENABLED): nobody can pay JomPAY until it is turned on.',
  },

  notices: {
    phoneInvalid: (example) => `❗ That doesn’t look like a mobile number. For example: ${example}`,
    nricInvalid: '❗ An IC number has 12 digits and starts with a real date of birth, like 900101-14-5678.',
    payerIdInvalid:
      '❗ Please type a 12-digit IC number (like 900101-14-5678) or a passport number (like A12345678).',
    accountEmpty: '❗ That was empty. Please type it again.',
    accountDigitsOnly: '❗ Please use digits only.',
    accountTooLong: (max) => `❗ That is too long: at most ${max} characters.`,
    amountFormat: '❗ Please type an amount like 10 or 10.50.',
    amountNotPositive: '❗ The amount must be more than zero.',
    amountTooPrecise: (digits) => `❗ Too many decimal places: at most ${digits}.`,
    amountTooLow: (min) => `❗ That is below the minimum of ${min}.`,
    amountTooHigh: (max) => `❗ That is above the maximum of ${max}.`,
    amountTooLarge: '❗ That amount is far too large. Please check it and type it again.',
    amountWholeUnits: '❗ Please type a whole amount, without cents.',
    amountNotAChoice: (choices) => `❗ Please choose one of: ${choices}.`,
    billInvalid: (message) => `❗ The provider says: ${message}\nPlease check and type it again.`,
    billInvalidNoReason: '❗ The provider could not find this account. Please check and type it again.',
    billBlocked: (message) =>
      `⛔ This payment cannot be made right now. The provider says: ${message}\nNothing was charged.`,
    amountRefused: (message) =>
      `❗ The provider refused this amount: ${message}\nPlease choose another amount.`,
    amountRefusedNoReason: '❗ The provider refused this amount. Please choose another amount.',
    accountFormat: (format) => `❗ That is not ${format}. Please check it and type it again.`,
    accountWrongOperator: (operator) =>
      `❗ That number is not ${withArticle(operator)} number. Please type ${withArticle(operator)} number, or choose the product of its operator.`,
    accountWrongOperatorUnnamed:
      '❗ That number belongs to another operator. Please choose the product of its operator.',
    ref2Required: (message) => `ℹ️ The provider says: ${message}`,
    billSkipped: 'ℹ️ Bill details could not be fetched right now. You can still pay.',
    cancelled: '✖️ Cancelled. Nothing was charged.',
    cancelledAfterConfirm:
      '✖️ Cancelled. If your order reached us before the error, /history shows how it stands.',
    alreadyProcessing:
      'ℹ️ That order has already been placed and can no longer be cancelled. Its message shows the result.',
    expired: 'ℹ️ That menu has expired. Here is where you are now.',
    useButtons: 'ℹ️ Please use the buttons below.',
    unknownCommand: 'ℹ️ I don’t know that command. Try /start, /history, /help, /lang or /cancel.',
    languageChanged: '✅ Language set to English.',
    productUnavailable: 'ℹ️ Sorry, that product is not available right now.',
    priceAboveOrderMax: (limit) =>
      `🚫 That costs more than one order may cost in this shop, <b>${limit}</b>. Please choose something else.`,
    orderNotFound: 'ℹ️ We could not find that order.',
    quoteRefreshed: 'ℹ️ This summary was open for a while. Please check it again, then confirm.',
  },

  errors: {
    tellUser: (reason) => `❌ The provider could not do this: ${reason}`,
    tellUserNoReason: '❌ The provider refused this request.',
    tryLater: '⏳ The service is busy or cannot be reached right now. Please try again in a moment.',
    keepPending: '⏳ We are still waiting for an answer. Please try again in a moment.',
    fixConfig: '🛠 The shop cannot take orders right now. The owner has been told. Please try again later.',
    report: '⚠️ We received an answer we could not read. Please try again later.',
    internal: '⚠️ Something went wrong on our side. Please try again.',
    orderNotPlaced: '❌ <b>Your order could not be confirmed.</b>',
    safeToRetry: 'Trying again will not charge you twice.',
  },

  history: {
    title: '🧾 <b>Your recent orders</b>',
    tapOne: 'Tap one to see its receipt.',
    empty: 'You have no orders yet.',
  },

  orders: {
    processingTitle: '⏳ <b>Processing</b>',
    processingBody: 'We are completing your order. This message will update by itself.',
    lastChecked: (time) => `🔄 Last checked with the provider at ${time}.`,
    needsAttentionTitle: '🕓 <b>Still checking with the provider</b>',
    needsAttentionBody:
      'This is taking longer than usual. We are still checking with the provider and will message you as soon as we know. Please do not pay again.',
    succeededTitle: '✅ <b>Successful</b>',
    failedTitle: '❌ <b>Failed</b>',
    failedBody: 'The order did not go through.',
    noReason: 'The provider did not say why.',
    returned: (price) => `💰 ${price} returned to your wallet.`,
    returnedWithBalance: (price, balance) => `💰 ${price} returned to your wallet; balance ${balance}.`,
    paid: (price) => `💳 Paid ${price} from your wallet.`,
    paidWithBalance: (price, balance) => `💳 Paid ${price} from your wallet; balance ${balance}.`,
    refundedTitle: '↩️ <b>Refunded</b>',
    refundedBody: 'The provider reversed this order: nothing was delivered.',
    cancelledTitle: '🚫 <b>Cancelled</b>',
    cancelledBody: 'This order was never sent to the provider, so nothing was charged.',
  },

  failures: {
    provider_declined: 'The provider declined this payment.',
    invalid_account: 'The number or account is wrong, barred or blocked. Please check it and order again.',
    limit_reached: 'This number has reached its top-up limit for now. Please try again later.',
    product_unavailable: 'This product or amount is out of stock or not available right now.',
    provider_unavailable: 'The provider’s service was unavailable. Please try again later.',
    shop_unavailable: 'This service is temporarily unavailable. Please try again later.',
    not_sent_in_time:
      'The order was not sent to the provider in time, so it was cancelled. You were not charged.',
    refunded: 'The provider voided this payment.',
  },

  wallet: {
    buttons: {
      wallet: '👛 My wallet',
      topup: '➕ Top up',
      backToOrder: '⬅️ Back to my order',
    },
    balanceLine: (balance) => `👛 Wallet balance: <b>${balance}</b>`,
    statementTitle: '👛 <b>Your wallet</b>',
    balance: (balance) => `Balance: <b>${balance}</b>`,
    empty: 'No payments in or out yet. Tap Top up to add money.',
    range: (from, to, total) => `Entries ${from}–${to} of ${total}, newest first:`,
    kinds: {
      topup: 'Top-up',
      purchase: 'Purchase',
      purchase_returned: 'Returned (order not delivered)',
      admin_credit: 'Added by the shop',
      admin_debit: 'Taken by the shop',
      reversal: 'Top-up reversed',
      reversal_undone: 'Reversal undone',
    },
    entryNotes: {
      topup: {
        transfer: 'Bank transfer',
        billplz: 'Online banking (Billplz)',
        stars: 'Telegram Stars',
        admin: 'By the shop',
      },
      returned: {
        failed: 'Order failed',
        rejected: 'Order refused by the provider',
        cancelled: 'Order cancelled',
        refunded: 'Order reversed by the provider',
      },
      starsRefund: 'Stars refunded through Telegram',
      starsRefundBy: (adminId) => `Stars refunded through Telegram by ${adminId}`,
      starsRefundedElsewhere: 'Stars refunded by Telegram',
      starsRefundRefused: 'Telegram refused the Stars refund; credit returned',
    },
    loading: '⏳ Opening your wallet…',
    quoting: '⏳ Working out the price…',
    sendingClaim: '⏳ Sending your top-up to the shop…',
    faceValue: 'Face value',
    youPay: 'You pay',
    insufficientTitle: '👛 <b>Not enough in your wallet</b>',
    insufficient: (balance, price, shortfall) =>
      `This order costs <b>${price}</b> and your wallet holds <b>${balance}</b>: you need <b>${shortfall}</b> more. Nothing was charged and no order was made.\nTop up your wallet, then come back and confirm.`,
    topupChooseAmount: '➕ <b>Top up your wallet</b>\nHow much will you transfer? Choose an amount:',
    topupTypeAmount: (min, max) => `Or type an amount from ${min} to ${max}.`,
    topupPayTitle: (amount) => `🏦 <b>Transfer ${amount}</b> to the shop:`,
    topupSendEvidence:
      'When you have paid, send a <b>photo of the receipt</b> here, or type the <b>transfer reference</b>. An admin checks it and credits your wallet.',
    topupSentTitle: '📨 <b>Top-up sent for checking</b>',
    topupSentBody: (amount) =>
      `An admin will check your transfer of <b>${amount}</b> and credit your wallet. I will message you when it is done.`,
    topupExpires: (when) => `If nobody has checked it by ${when}, it expires; send it again then.`,
    reference: (reference) => `Reference: <code>${reference}</code>`,
    photoAttached: 'Receipt photo: attached',
    evidenceNeeded:
      '📷 Please send a <b>photo</b> of your transfer receipt, or type the <b>transfer reference</b>.',
    referenceInvalid:
      '⚠️ That does not look like a transfer reference. Type the reference exactly as your bank shows it (letters and digits), or send a photo of the receipt.',
    topupUnavailable: 'ℹ️ Top-ups are not available right now. Please ask the shop.',
    payOnlineButton: '🏦 Pay online (FPX)',
    payStarsButton: '⭐ Pay with Stars',
    orPayOnline: 'Or pay online below: your wallet is credited as soon as the payment is confirmed.',
    onlineOnly: 'Choose how to pay: your wallet is credited as soon as the payment is confirmed.',
    startingOnline: '⏳ Preparing your payment…',
    onlineNotStarted: '⚠️ The online payment could not be started. Nothing was charged.',
    billplzTitle: (amount) => `🏦 <b>Pay ${amount} online</b>`,
    billplzBody:
      'Open the payment page and pay with your bank (FPX). Your wallet is credited as soon as Billplz confirms the payment; I will message you.',
    billplzOpen: 'Open the payment page',
    starsTitle: (amount, stars) => `⭐ <b>Top up ${amount} for ${stars} Stars</b>`,
    starsBody:
      'Tap Pay on the invoice below. Your wallet is credited as soon as Telegram confirms the payment.',
    onlineExpires: (when) => `The payment can be made until ${when}.`,
    topupCredited: (amount, balance) =>
      `✅ <b>Top-up credited</b>\n${amount} was added to your wallet. Balance: <b>${balance}</b>`,
  },

  topupReview: {
    claimTitle: '🏦 <b>Top-up claim</b>',
    buyer: (userId) => `Buyer: <code>${userId}</code>`,
    amount: (amount) => `Amount: <b>${amount}</b>`,
    reference: (reference) => `Reference: <code>${reference}</code>`,
    noReference: 'Reference: none given',
    photoAbove: 'Receipt: the photo above',
    sent: (when) => `Sent: ${when}`,
    expires: (when) => `Expires: ${when}`,
    approve: '✅ Approve',
    reject: '❌ Reject',
    approvedBy: (adminId, when) =>
      `✅ <b>Approved</b> by <code>${adminId}</code> at ${when}; the wallet is credited.`,
    rejectedBy: (adminId, when) => `❌ <b>Rejected</b> by <code>${adminId}</code> at ${when}.`,
    toastApproved: 'Approved: the buyer’s wallet is credited.',
    toastRejected: 'Rejected: the buyer is told.',
    toastNotAdmin: 'Only the shop’s admins can decide top-ups.',
    toastAlreadyDecided: 'This claim was already decided; nothing changed.',
    toastExpired: 'This claim has expired and can no longer be approved.',
    toastOwnClaim: 'You cannot approve your own top-up.',
    toastMissing: 'This claim no longer exists.',
    proofWarning:
      '⚠️ <b>This proof was used in another claim.</b> Check the bank statement before approving: one transfer must be credited once.',
    proofMatch: (shared, claimId, buyer, standing, earlier) =>
      `• Same ${shared} as ${earlier ? 'earlier' : 'later'} claim <code>${claimId}</code> from buyer <code>${buyer}</code>: <b>${standing}</b>`,
    proofShared: { reference: 'reference', photo: 'receipt photo', both: 'reference and receipt photo' },
    standings: {
      pending: 'pending',
      approved: 'approved',
      rejected: 'rejected',
      expired: 'expired',
      unknown: 'state unknown',
    },
    approveAnyway: '⚠️ Approve anyway',
    toastConfirmNeeded: (button) =>
      `This proof matches another claim. Check the bank; to credit it still, press “${button}”.`,
    toastMatchesChanged: (button) =>
      `Another claim with this proof was approved since this card was drawn. Check the updated card; to credit this one still, press “${button}” again.`,
    buyerApproved: (amount, balance) =>
      `✅ <b>Top-up approved</b>\n${amount} was added to your wallet. Balance: <b>${balance}</b>`,
    buyerRejected: (amount) =>
      `❌ <b>Top-up not approved</b>\nThe shop could not confirm your transfer of ${amount}; nothing was added. Please contact the shop if you did pay.`,
    openTitle: (count) => `🏦 <b>Top-up claims awaiting review: ${count}</b>`,
    openNone: '🏦 No top-up claims are awaiting review.',
  },

  help: {
    text: [
      '❓ <b>How to buy</b>',
      '1. Send /start and pick a category, then a product.',
      '2. Type the phone number or account the bot asks for.',
      '3. Pick or type the amount, check the summary and tap Confirm.',
      'The receipt (PIN, serial number, voucher link) appears in the same message once the provider answers.',
    ].join('\n'),
    commandsTitle: '<b>Commands</b>',
  },

  privacy: {
    text: [
      '🔒 <b>Privacy</b>',
      '<b>What the shop keeps</b>',
      '• Your Telegram user id: your wallet and orders are filed under it.',
      '• Where you are in this conversation (the screen, the purchase you are making): deleted an hour after your last message or tap. A language you pick with /lang is kept for 400 days after you last picked it.',
      '• Your orders: the product, the phone number or account you gave, the name on the account when the provider gives one, the price, your language and the receipt (PIN and serial number; PINs are stored encrypted).',
      '• Your wallet: every top-up and payment, and the proof you sent for a bank transfer.',
      '• For PTPTN and JomPAY, your IC or passport number, in full, with each such order and with a JomPAY verification. The admin who verifies you sees it in full; everywhere else the bot shows only its last four characters.',
      '',
      '<b>Who else sees it</b>',
      '• The payments provider: the number or account you give (also when it is checked before you buy), and for PTPTN or JomPAY the IC or passport number; never your name or Telegram id.',
      '• The online banking gateway, when you top up online: your Telegram user id and the amount.',
      '• Telegram, which carries this conversation (receipts and proofs included) and handles payments in Stars.',
      '• The shop’s admins: your Telegram user id, orders, wallet and the proofs you sent (copies reach their own chats), and for JomPAY the document you were verified with.',
      '',
      'The shop’s server logs note your Telegram user id with your orders and top-ups. Orders, wallet records and JomPAY verifications are the shop’s accounts and are kept with no expiry (a verification until an admin withdraws it).',
    ].join('\n'),
    policyLink: (url) => `The shop’s full privacy policy: ${url}`,
  },
  language: {
    choose: '🌐 Choose your language:',
  },

  privateOnly: {
    text: '🔒 I only take orders in a private chat, to keep your numbers and receipts private. Tap below to message me.',
  },

  access: {
    notAllowed: (userId) =>
      `🔒 <b>Sorry, this shop only serves invited customers.</b>\nIf you know the owner, send them your Telegram user id so they can add you: <code>${userId}</code>`,
    slowDown: '⏳ You are sending messages very quickly. Please wait a few seconds, then try again.',
    refusedTitle: '🚫 <b>Your order was not placed.</b> Nothing was charged.',
    notAllowedToOrder: 'This shop only serves invited customers, and your account is not on the list.',
    dailyCountReached: (limit) => `You have reached today’s limit of ${limit} orders.`,
    dailyAmountReached: (limit) => `You have reached today’s spending limit of <b>${limit}</b>.`,
    dailyAmountLeft: (remaining, limit) =>
      `This order is more than you can still spend today: <b>${remaining}</b> of your daily <b>${limit}</b> is left.`,
    chooseSmaller: 'Go back to choose a smaller amount.',
    resetsAt: (when) => `Your limit resets at midnight shop time (${when}).`,
    orderTooLarge: (limit) => `One order may cost at most <b>${limit}</b> in this shop.`,
  },

  admin: {
    failed: (reason) => `⚠️ That did not work: ${reason}`,
    balanceTitle: '💰 <b>Provider wallet</b>',
    readOnly: '⚠️ This API key may only read: payments will be refused.',
    belowThreshold: '⚠️ Below the low-balance alert threshold.',
    orderUsage: 'Send <code>/order</code> followed by an order reference, e.g. <code>/order AB12CD34</code>.',
    orderNotFound: (refid) => `No order has the reference <code>${refid}</code>.`,
    orderTitle: '🧾 <b>Order</b>',
    requeried: '🔄 Re-queried with the provider just now.',
    requeryBusy: 'ℹ️ It is being checked with the provider at this very moment; this is how it stood.',
    finalNotRequeried: 'ℹ️ This order is final, so it was not re-queried.',
    requeryFailed: (reason) => `⚠️ The re-query failed: ${reason}`,
    historyTitle: '<b>History</b>',
    pinDelivered: 'delivered to the buyer (not shown here)',
    pendingTitle: (count) => `⏳ <b>Orders not final: ${count}</b> (oldest first)`,
    pendingNone: '✅ Every order is final.',
    pendingMore: (count) => `…and ${count} more.`,
    statsTitle: (day) => `📊 <b>Today, ${day}</b> (shop time)`,
    statsTruncated: (count) => `Only the first ${count} orders of the day are counted.`,
    costUnknown: (count) =>
      `The provider did not report the cost of ${count} successful orders; their face value is counted as the cost.`,
    noRate: 'none final yet',
    uncharged: (count) =>
      `${count} successful orders carried no charge to the buyer (counted as 0 in sales).`,
    labels: {
      account: 'Account',
      name: 'Name',
      level: 'Level',
      balance: 'Balance',
      threshold: 'Alert below',
      state: 'State',
      buyer: 'Buyer',
      product: 'Product',
      amount: 'Amount',
      cost: 'Cost',
      provider: 'Provider',
      attempts: 'Calls to the provider',
      created: 'Created',
      updated: 'Updated',
      reason: 'Reason',
      providerSaid: 'Provider said',
      serial: 'Serial number',
      pin: 'PIN',
      orders: 'Orders',
      buyers: 'Buyers',
      succeeded: 'Successful',
      failed: 'Failed',
      refunded: 'Refunded',
      cancelled: 'Cancelled',
      inProgress: 'In progress',
      needsAttention: 'Needs attention',
      successRate: 'Success rate',
      volume: 'Sold (successful)',
      sales: 'Paid by buyers',
      margin: 'Margin',
    },
    states: {
      confirmed: 'Confirmed, not sent yet',
      submitted: 'Sending to the provider',
      pending: 'Pending at the provider',
      needs_attention: 'Needs attention',
      succeeded: 'Successful',
      failed: 'Failed',
      refunded: 'Refunded',
      rejected: 'Rejected by the provider',
      cancelled: 'Cancelled',
    },
    duration: {
      minutes: (minutes) => `${minutes} min`,
      hours: (hours, minutes) => `${hours} h ${minutes} min`,
      days: (days, hours) => `${days} d ${hours} h`,
    },
  },

  alerts: {
    unsellable: (name, code, detail) =>
      `🚫 <b>A product cannot be sold</b>\n${name} (<code>${code}</code>) is shown to buyers as unavailable: the provider's listing could not be read (<i>${detail}</i>).`,
    shopUnavailable: (refid, said) =>
      `⛔ <b>The provider refused the shop</b>\nOrder <code>${refid}</code> failed on the shop's own account: <i>${said}</i>. Buyers are told the service is temporarily unavailable. Check /balance and the provider dashboard.`,
    soldAtLoss: (refid, product, price, cost) =>
      `📉 <b>Sold at a loss</b>\nOrder <code>${refid}</code> (${product}): the buyer paid <b>${price}</b> and the provider charged <b>${cost}</b>. The provider's price has likely gone up; check the margins with /prices.`,
    notifyFailed: (refid, userId, detail) =>
      `📭 <b>A buyer could not be told</b>\nThe outcome of order <code>${refid}</code> could not be shown to buyer ${userId} (<i>${detail}</i>). It is in their /history; see <code>/order ${refid}</code>.`,
    starsRefundShort: (userId, amount, balance, stars, topupId) =>
      `⚠️ <b>Stars refunded, credit not taken back</b>\nTelegram refunded ${stars} Stars to buyer <code>${userId}</code> (top-up ${topupId}), but their wallet balance (${balance}) no longer covers the ${amount} credit. Nothing was taken: the wallet is unchanged. Settle it by hand, for example with /debit ${userId}.`,
    lowBalance: (balance, threshold) =>
      `🪫 <b>Low wallet balance</b>\nThe provider wallet is down to <b>${balance}</b>, below your alert level of ${threshold}. Top it up before payments start failing.`,
    needsAttention: '🕓 <b>An order needs attention</b>\nThe provider has not given a final answer in time.',
    needsAttentionHint: (refid) => `Check it with <code>/order ${refid}</code>.`,
    needsAttentionPaused: (minutes) =>
      `Many orders need attention: further alerts like this are paused for ${minutes} min. See /pending.`,
    moreNeedAttention: (count) => `${count} more orders needed attention while alerts were paused.`,
    providerErrors: (count, minutes) =>
      `🚨 <b>Provider errors</b>\n${count} calls to the provider failed in the last ${minutes} min.`,
    lastError: (detail) => `Latest: <i>${detail}</i>`,
    providerErrorsHint: 'Orders stay pending and are re-queried. Check /balance and the logs.',
  },

  commands: {
    start: 'Shop: pick something to buy',
    help: 'How to buy',
    privacy: 'What the shop keeps about you',
    paysupport: 'Help with a payment in Stars',
    terms: 'The terms of Stars payments',
    history: 'Your recent orders',
    lang: 'Change the language',
    cancel: 'Stop the current purchase',
    wallet: 'Your wallet: balance, statement and top-up',
    balance: 'Admin: provider wallet balance',
    order: 'Admin: an order and its history, re-queried now',
    pending: 'Admin: orders not final yet',
    stats: 'Admin: today’s orders and sales',
    verify: 'Mark a buyer verified for JomPAY: /verify USER_ID IC_OR_PASSPORT',
    unverify: 'Withdraw a buyer’s JomPAY verification: /unverify USER_ID',
    topups: 'Admin: top-up claims awaiting review',
    reconcile: "Admin: compare a day with the provider's books",
    export: 'Admin: orders or ledger as a CSV file',
    reported: 'Admin: orders buyers reported an issue with',
    credit: 'Admin: credit a buyer’s wallet (/credit user-id amount [note])',
    debit: 'Admin: debit a buyer’s wallet (/debit user-id amount [note])',
    audit: 'Admin: check wallets against their ledgers (/audit [user-id])',
    margin: 'Admin: change a price rule, previewed first',
    prices: 'Admin: the price rules',
    adminWallet: 'Your wallet; /wallet user-id shows a buyer’s',
  },

  payins: {
    invoiceTitle: 'Wallet top-up',
    invoiceDescription: (amount) =>
      `${amount} credit in your shop wallet, usable for any purchase in this bot.`,
    invoiceLabel: (amount) => `Top-up ${amount}`,
    declinePaid: 'This invoice has already been paid, so there is nothing more to pay.',
    declineExpired: 'This invoice has expired. Please start a new top-up in the bot.',
    declineChanged: 'The price of this invoice has changed. Please start a new top-up in the bot.',
    declineNotYours: 'This invoice belongs to another buyer. Please start your own top-up in the bot.',
    declineUnknown: 'This invoice is not valid any more. Please start a new top-up in the bot.',
    declineUnavailable: 'The shop cannot take this payment right now. Please try again in a minute.',
    paymentUnmatched:
      '⚠️ Your payment arrived but could not be matched to a top-up. The shop has been told and will credit or refund it; use /paysupport if you have questions.',
    paysupport: (contact) =>
      `<b>Payment support</b>\nFor any problem with a payment or a top-up, ${contact ? `contact ${contact}` : 'write your question here and an admin will answer'}. Tell us the date and amount. If we cannot deliver what you paid for, Stars are refunded in full.`,
    terms:
      '<b>Terms</b>\nTop-ups add credit to your wallet in this shop only; credit cannot be withdrawn or transferred. Purchases are delivered by the shop’s provider; a purchase that fails is returned to your wallet. Stars payments that cannot be honoured are refunded through Telegram. Questions: /paysupport.',
    refundUsage: 'Usage: /refundstars &lt;telegram payment charge id&gt;',
    refundDone: (amount, stars, balance) =>
      `✅ Refunded ${stars} Stars; ${amount} was taken back from the buyer’s wallet (balance now ${balance}).`,
    refundCompleted: (amount, stars, balance) =>
      `✅ Telegram says the ${stars} Stars were already refunded; the refund is now recorded. The ${amount} had been taken back from the buyer’s wallet once, and nothing more was taken (balance now ${balance}).`,
    refundRefused: (reason, amount, balance) =>
      `⚠️ Telegram refused the refund: ${reason}\nNo Stars were refunded. The ${amount} taken back from the buyer’s wallet has been put back (balance now ${balance}).`,
    refundUnknown: (reason, amount, stars) =>
      `⚠️ Telegram did not confirm the refund (${reason}). The ${stars} Stars may or may not have been refunded; the ${amount} stays taken back from the buyer’s wallet. Send the same /refundstars again: it finishes the refund without taking anything more, or puts the credit back if Telegram refuses.`,
    refundAlreadyDone: (amount, stars) =>
      `Already refunded: the ${stars} Stars went back to the buyer and ${amount} was taken back from their wallet. Nothing changed.`,
    refundLegacyReversed: (amount, stars, userId) =>
      `⚠️ The ${amount} credit of this top-up was taken back by an earlier version of the bot, which did not record whether Telegram refunded the ${stars} Stars. Check the bot's Star transactions in Telegram; if they were not refunded, give buyer ${userId} the credit back with <code>/credit ${userId} …</code>. Nothing changed.`,
    refundShortAlready: (amount, stars, userId) =>
      `⚠️ Telegram has already refunded these ${stars} Stars, but the ${amount} credit could not be taken back: buyer ${userId} had spent it. Nothing changed; settle it by hand.`,
    refundSettledElsewhere: (state) =>
      `⚠️ Another refund of this payment settled it meanwhile; its top-up is now ${state}. Nothing more was changed.`,
    refundInsufficient: (balance, amount) =>
      `⚠️ Not refunded: the buyer has already spent the credit (balance ${balance}, the top-up was ${amount}).`,
    refundUnmatchedDone: (stars) => `✅ Refunded ${stars} Stars for a payment that was never credited.`,
    refundUnmatchedRefused: (reason) =>
      `⚠️ Telegram refused the refund: ${reason}\nNo Stars were refunded. The payment was never credited, so no wallet changed.`,
    refundUnmatchedUnknown: (reason) =>
      `⚠️ Telegram did not confirm the refund (${reason}). The Stars may or may not have been refunded; the payment was never credited, so no wallet changed. Send the same /refundstars again to find out.`,
    refundNotFound: '⚠️ No Stars payment with that charge id.',
    refundNotCredited: (state) => `⚠️ Not refunded: that top-up is ${state}, not credited.`,
    refundedBuyerReversed: (stars, amount, balance) =>
      `↩️ Your payment of ${stars} Stars was refunded. The ${amount} it added was taken back from your wallet (balance now ${balance}).`,
    refundedBuyerTakenBefore: (stars, amount, balance) =>
      `↩️ Your payment of ${stars} Stars was refunded. The ${amount} it added had already been taken back from your wallet (balance now ${balance}).`,
    refundedBuyerShort: (stars, amount) =>
      `↩️ Your payment of ${stars} Stars was refunded. The ${amount} it added had already been spent, so your wallet was left as it is; the shop will contact you about it.`,
    refundedBuyerUncredited: (stars) =>
      `↩️ Your payment of ${stars} Stars was refunded. It had not been added to your wallet, so your wallet is unchanged.`,
    unmatchedAlert: (method, payerId, amount, reason) =>
      `⚠️ <b>Payment not matched</b> (${method})\nPayer id: <code>${payerId}</code>\nAmount: ${amount}\nWhy: ${reason}`,
    billplzMismatchAlert: (topupId, problem) =>
      `⚠️ <b>Billplz bill disagrees with its top-up</b> ${topupId}: ${problem}. Not credited.`,
  },

  toasts: {
    expired: 'This menu has expired. Send /start to begin again.',
    notAllowed: 'Sorry, this shop only serves invited customers.',
    slowDown: 'Too many taps. Please wait a few seconds.',
  },

  plain: {
    shareTitle: (product, amount) => `${product} – ${amount}`,
  },

  dates: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },

  pricing: {
    title: '🏷 <b>Prices</b>',
    noRules: 'No price rules: buyers pay the provider’s price. Set one with /margin.',
    marginHeading: '<b>Margins</b> (items with a set price)',
    feeHeading: '<b>Fees</b> (typed amounts and bills, added on top)',
    marginSet: 'Margin',
    feeSet: 'Fee',
    scopeDefault: 'Default',
    scopeProduct: (code) => `Product ${code}`,
    scopeGroup: (name) => `Group ${name}`,
    scopeCategory: (name) => `Category ${name}`,
    rounded: (step) => `rounded up to ${step}`,
    atCost: 'at cost',
    change: (before, after) => `${before} → ${after}`,
    previewTitle: (target) => `<b>Change:</b> ${target}`,
    previewSamples: 'Prices before → after:',
    previewNone: 'No sample items to show.',
    unknownProduct: (code) =>
      `🚫 No product with code ${code} is in the current catalog, so this rule would price nothing. Nothing was changed: check the code and run /margin again.`,
    similarCodes: (codes) => `Codes that look similar: ${codes}`,
    unchanged: 'unchanged',
    marginOf: (amount) => `margin ${amount}`,
    cleared: 'no rule of its own',
    saved: '✅ Price rules saved.',
    stale:
      'The price rules changed meanwhile (another admin), so nothing was saved. Check /prices and run /margin again.',
    currencyMismatch: (rules, shop) =>
      `The stored price rules are in ${rules} but the shop sells in ${shop}. Fix the rules before changing them.`,
    usage:
      '<b>/margin</b>: set the price rules.\n<code>/margin default 5%</code>: 5% on everything with a set price\n<code>/margin default 5% +0.50 round 0.10</code>: 5% plus 0.50, rounded up to 0.10\n<code>/margin product D 3%</code>, <code>/margin group Prepaid +0.20</code>, <code>/margin category "Mobile Reload" 2%</code>\n<code>/margin category Bill fee 1.00</code>: a fee on typed amounts and bills\n<code>/margin product D clear</code>: remove a rule (add <code>fee</code> for a fee rule)\nThe most specific rule wins: product, group, category, default. Amounts are in the shop currency. See /prices.',
    problems: {
      unknownTarget: (word) => `“${word}” is not a target: use default, product, group or category.`,
      missingName: (scope) => `Which ${scope}? Put its name after the word ${scope}.`,
      missingRule:
        'Say what the rule is, e.g. <code>5%</code>, <code>+0.50</code>, <code>round 0.10</code> or <code>clear</code>.',
      badPercent: (word) => `“${word}” is not a percentage: write e.g. 5% or 1.25% (at most two decimals).`,
      percentTooLarge: (word) => `${word} is more than 100%; that is almost certainly a typo.`,
      badAmount: (word) =>
        `“${word}” is not an amount in the shop currency, e.g. 0.50 (rupiah has no decimals).`,
      amountTooLarge: (word) => `${word} is too large for a margin or a rounding step.`,
      zeroStep: (word) => `Rounding to ${word} means nothing: give a step above zero, e.g. round 0.10.`,
      negative: (word) =>
        `${word} is negative: a margin below cost loses money on every sale, so it is not allowed.`,
      bareNumber: (word) => `Is “${word}” a percentage or an amount? Write ${word}% or +${word}.`,
      repeated: (word) => `“${word}”: each part of a rule may appear once.`,
      clearWithRule: '<code>clear</code> removes a rule; send it on its own.',
      unknownWord: (word) => `“${word}” is not understood. Send /margin for examples.`,
    },
  },

  books: {
    reportIssueButton: '⚠️ Report an issue',
    reportIssueAccepted: (reference) =>
      `✅ Your report was sent to the provider, under reference <code>${reference}</code>.\nThe provider will look into it. For help with this order meanwhile, send /paysupport.`,
    reportIssueRefused: (reference) =>
      `⚠️ The provider did not take the report for <code>${reference}</code>.\nFor help with this order, send /paysupport.`,
    reportIssueEarlier: (answer) => `This order was reported already.\n${answer}`,
    reportIssueNotPossible: 'An issue can be reported only for a successful order of yours.',
    reportIssueFailed: 'The report could not be sent just now. Please try again in a few minutes.',
    reconcileUsage: '<b>/reconcile</b> [YYYY-MM-DD]: compare a day with the provider (yesterday by default).',
    reconcileBusy: 'Another replica is reconciling right now. Try again in a minute.',
    reconcileUnavailable: 'This provider offers nothing to reconcile against.',
    reportTitle: (provider, day) => `<b>Reconciliation ${day}</b> (${provider})`,
    reportCounts: (orders, transactions) => `Shop orders: ${orders}; provider transactions: ${transactions}`,
    reportClean: '✅ The books agree.',
    reportUnknownHeading: '<b>At the provider, not in the shop:</b>',
    reportUnknownNotListed:
      'The provider has no transaction list: transactions the shop lost cannot be found.',
    reportLateRefundsHeading: '<b>Refunded after a success:</b>',
    reportLateRefund: (refid, price, result) => `<code>${refid}</code> ${price}: ${result}`,
    lateRefundResults: {
      returned: 'returned to the buyer now',
      already: 'already returned',
      skipped: 'busy, tried again next run',
    },
    reportStatesHeading: '<b>Status disagreements:</b>',
    reportStateLine: (refid, shop, provider, kind) =>
      `<code>${refid}</code> shop ${shop}, provider ${provider}: ${kind}`,
    stateKinds: {
      'provider-success-shop-failure':
        'provider delivered, the buyer was refunded: check, do not charge again',
      'shop-success-provider-failure': 'provider says failed: check with the provider',
      other: 'check',
    },
    reportValuesHeading: '<b>Amount or product disagreements:</b>',
    reportMissingHeading: '<b>In the shop, not at the provider:</b>',
    reportBalance: (moved, expected, difference) =>
      `Provider wallet moved ${moved}; the day's costs say ${expected}; difference ${difference}`,
    exportUsage:
      '<b>/export</b> orders|ledger [from] [to]: a CSV file; days are YYYY-MM-DD, today by default, at most 31 days.',
    exportCaption: (kind, from, to, rows) => `${kind} ${from} to ${to}: ${rows} rows`,
    exportTooLong: 'At most 31 days at a time.',
    reportedTitle: '<b>Reported orders (last 30 days)</b>',
    reportedNone: 'No order has been reported.',
  },
  walletAdmin: {
    usageCredit:
      'Send <code>/credit &lt;user id&gt; &lt;amount&gt; [note]</code>, e.g. <code>/credit 123456789 10.00 goodwill</code>.',
    usageDebit:
      'Send <code>/debit &lt;user id&gt; &lt;amount&gt; [note]</code>, e.g. <code>/debit 123456789 5.00 correction</code>.',
    usageWallet: 'Send <code>/wallet &lt;user id&gt; [page]</code>, e.g. <code>/wallet 123456789</code>.',
    usageAudit: 'Send <code>/audit</code> for every wallet, or <code>/audit &lt;user id&gt;</code> for one.',
    badUserId: (word) => `“${word}” is not a Telegram user id (digits only, e.g. 123456789).`,
    badPage: (word) => `“${word}” is not a page number (1, 2, 3…).`,
    aboveAdjustLimit: (word, limit, setting) =>
      `🚫 “${word}” is above the most one /credit or /debit may move: <b>${limit}</b>. Nothing was changed. If a larger adjustment is meant, ${setting} raises the limit.`,
    badAmount: (word, why) => `“${word}”: ${why}`,
    walletEmpty: (credit) => `No entries yet. To add money to this wallet, send ${credit}.`,
    noSuchPage: (page, entries, pages) =>
      `There is no page ${page}: this wallet has ${count(entries, 'entry', 'entries')} on ${count(pages, 'page', 'pages')}.`,
    selfCredit: '🚫 You cannot credit your own wallet. Ask another admin.',
    creditTitle: '➕ <b>Credit a buyer’s wallet?</b>',
    debitTitle: '➖ <b>Debit a buyer’s wallet?</b>',
    buyer: (userId) => `Buyer: <code>${userId}</code>`,
    amount: (amount) => `Amount: <b>${amount}</b>`,
    note: (note) => `Note: <i>${note}</i>`,
    balanceChange: (before, after) => `Balance: ${before} → <b>${after}</b>`,
    confirmHint: (minutes) => `Nothing changes until you tap Confirm (valid for ${minutes} min).`,
    unsettledOrders: (orders) =>
      `⚠️ Still open for this buyer: ${orders}. If one fails, its price goes back to the wallet by itself; a credit for it now would pay it back twice.`,
    confirm: '✅ Confirm',
    apply: '✅ Apply',
    cancel: '✖️ Cancel',
    credited: (amount, userId, adminId, balance) =>
      `✅ <b>Credited</b> ${amount} to <code>${userId}</code> by <code>${adminId}</code>. New balance: <b>${balance}</b>.`,
    debited: (amount, userId, adminId, balance) =>
      `✅ <b>Debited</b> ${amount} from <code>${userId}</code> by <code>${adminId}</code>. New balance: <b>${balance}</b>.`,
    insufficient: (userId, balance, amount) =>
      `🚫 <b>Not debited.</b> The wallet of <code>${userId}</code> holds ${balance}, less than ${amount}. Nothing changed.`,
    cancelled: '✖️ Cancelled. Nothing changed.',
    buyerNotTold:
      '⚠️ The buyer could not be told yet: the bot tries again (unless they never opened a chat with it).',
    buyerCredited: (amount, balance) =>
      `➕ <b>${amount}</b> was added to your wallet by the shop.\nBalance: <b>${balance}</b>`,
    buyerDebited: (amount, balance) =>
      `➖ <b>${amount}</b> was taken from your wallet by the shop.\nBalance: <b>${balance}</b>`,
    buyerNote: (note) => `Note: <i>${note}</i>`,
    walletTitle: (userId) => `👛 <b>Wallet of <code>${userId}</code></b>`,
    auditOk: (userId, balance, entries) =>
      `✅ The wallet of <code>${userId}</code> is consistent: ${balance}, ${count(entries, 'entry', 'entries')}.`,
    auditProblems: (userId, problems) =>
      `⚠️ The wallet of <code>${userId}</code> has ${count(problems, 'problem', 'problems')}:`,
    auditAllTitle: (wallets, ok, problems) =>
      `🧮 <b>Audit of ${count(wallets, 'wallet', 'wallets')}</b>\nConsistent: <b>${ok}</b> · With problems: <b>${problems}</b>`,
    auditNone: 'No buyer has a wallet yet: nothing to audit.',
    auditMore: (count) => `…and ${count} more.`,
    auditPartial: (audited, total) =>
      `Only the first ${audited} of ${count(total, 'wallet', 'wallets')} were audited.`,
    pricingHint: (minutes) => `Nothing changes until you tap Apply (valid for ${minutes} min).`,
    pricingCancelled: '✖️ Cancelled. The price rules were not changed.',
    toasts: {
      done: 'Done.',
      alreadyApplied: 'Already applied: nothing changed.',
      cancelled: 'Cancelled.',
      alreadyCancelled: 'This was cancelled: nothing changed.',
      refused: 'Refused: see the message.',
      stale: 'The price rules changed meanwhile: run /margin again.',
      expired: 'This has expired or no longer exists. Run the command again.',
      notAdmin: 'Only the shop’s admins can use this button.',
      busy: 'Being handled right now; try again in a moment.',
      failed: 'That did not work. Try again.',
    },
  },
};

/** "1 wallet", "2 wallets". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "an XL", "an INDOSAT", "a TELKOMSEL": "an" before a vowel, and before a short initialism read
 * letter by letter whose first letter's name starts with a vowel sound (XL is "ex-el").
 */
function withArticle(name: string): string {
  const initialism = /^[A-Z]{1,3}$/.test(name) && /^[FHLMNRSX]/.test(name);
  return `${initialism || /^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}
