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
    empty: 'Nothing is on sale right now. Please check again later.',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },

  purchase: {
    networkWarning: '⚠️ <b>Interruption!</b> Your top-up might be slow or not go through. We are fixing it!',
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
    payerIdPrompt:
      'JomPAY payments must name the payer (anti-money-laundering rules). Please type your <b>IC number</b> (12 digits), or your <b>passport number</b> if you are not Malaysian:',
    plansFor: (account) => `Plans available for <b>${account}</b>:`,
    accountsFor: (nric) => `Accounts registered to IC <b>${nric}</b>:`,
    noPlans: 'No plans are available for this number right now. Check the number, or try again later.',
    noAccounts: 'No accounts were found for this IC number. Please check it and try again.',
    chooseAmount: 'Choose an amount:',
    typeAmountRange: (min, max) => `Type the amount to pay, from <b>${min}</b> to <b>${max}</b>:`,
    typeAmountOpen: 'Type the amount to pay:',
    wholeUnitsOnly: 'Whole amounts only, without cents.',
    checkOrder: '🧾 <b>Please check your order</b>',
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
  },

  bill: {
    title: '🧾 <b>Bill details</b>',
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
    amountWholeUnits: '❗ Please type a whole amount, without cents.',
    amountNotAChoice: (choices) => `❗ Please choose one of: ${choices}.`,
    billInvalid: (message) => `❗ The provider says: ${message}\nPlease check and type it again.`,
    billInvalidNoReason: '❗ The provider could not find this account. Please check and type it again.',
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
    needsAttentionTitle: '🕓 <b>Still checking with the provider</b>',
    needsAttentionBody:
      'This is taking longer than usual. We are still checking with the provider and will message you as soon as we know. Please do not pay again.',
    succeededTitle: '✅ <b>Successful</b>',
    failedTitle: '❌ <b>Failed</b>',
    failedBody: 'The order did not go through.',
    noReason: 'The provider did not say why.',
    refundedTitle: '↩️ <b>Refunded</b>',
    refundedBody: 'The provider reversed this order: nothing was delivered and the amount was refunded.',
    cancelledTitle: '🚫 <b>Cancelled</b>',
    cancelledBody: 'This order was never sent to the provider, so nothing was charged.',
  },

  help: {
    text: [
      '❓ <b>How to buy</b>',
      '1. Send /start and pick a category, then a product.',
      '2. Type the phone number or account the bot asks for.',
      '3. Pick or type the amount, check the summary and tap Confirm.',
      'The receipt (PIN, serial number, voucher link) appears in the same message once the provider answers.',
      '',
      '<b>Commands</b>',
      '/start – main menu',
      '/history – your recent orders',
      '/cancel – stop the current purchase',
      '/lang – change the language',
      '/help – this message',
    ].join('\n'),
  },

  language: {
    choose: '🌐 Choose your language:',
  },

  privateOnly: {
    text: '🔒 I only take orders in a private chat, to keep your numbers and receipts private. Tap below to message me.',
  },

  toasts: {
    expired: 'This menu has expired. Send /start to begin again.',
  },

  plain: {
    shareTitle: (product, amount) => `${product} – ${amount}`,
  },

  dates: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};
