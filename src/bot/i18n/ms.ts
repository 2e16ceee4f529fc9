import type { Messages } from './messages.js';

export const ms: Messages = {
  languageName: 'Bahasa Melayu',

  buttons: {
    shop: '🛒 Beli',
    shopAgain: '🛒 Beli yang lain',
    myOrders: '🧾 Pesanan saya',
    help: '❓ Bantuan',
    language: '🌐 Bahasa',
    back: '⬅️ Kembali',
    cancel: '✖️ Batal',
    home: '🏠 Utama',
    prevPage: '◀️ Sebelum',
    nextPage: 'Seterusnya ▶️',
    confirm: '✅ Sahkan dan bayar',
    change: '✏️ Ubah',
    retry: '🔁 Cuba lagi',
    tryAgain: '🔁 Cuba lagi',
    refresh: '🔄 Muat semula',
    keep: (value) => `↩️ Guna ${value}`,
    payOutstanding: (amount) => `Bayar baki tertunggak ${amount}`,
    clearSearch: '✖️ Kosongkan carian',
    copyPin: '📋 Salin PIN',
    openVoucher: '🎁 Buka baucar',
    viewEbill: '📄 Lihat e-bil',
    share: '📤 Kongsi',
    openPrivateChat: '💬 Buka sembang peribadi',
  },

  home: {
    welcome:
      '👋 <b>Selamat datang!</b>\nBeli tambah nilai mudah alih, pelan data, bayaran bil, baucar dan eSIM terus di Telegram.',
  },

  menu: {
    chooseCategory: '🛒 <b>Apakah yang anda ingin beli?</b>',
    chooseProduct: (category) => `<b>${category}</b>\nPilih produk:`,
    unavailable: (name) => `🚫 ${name} (tiada)`,
    empty: 'Tiada produk dijual buat masa ini. Sila semak semula nanti.',
    page: (page, pages) => `Halaman ${page} daripada ${pages}`,
    categoryNames: {
      prepaid: 'Prabayar',
      postpaid: 'Pascabayar',
      'mobile postpaid': 'Pascabayar Mudah Alih',
      internet: 'Internet',
      utilities: 'Utiliti',
      education: 'Pendidikan',
      'gift card': 'Kad Hadiah',
      'gift cards': 'Kad Hadiah',
      'travel esim': 'eSIM Pelancongan',
      jompay: 'JomPAY',
      other: 'Lain-lain',
    },
  },

  purchase: {
    validForDays: (days) => `Sah selama ${days} hari.`,
    networkWarning: {
      topup:
        '⚠️ <b>Gangguan!</b> Tambah nilai anda mungkin lambat atau tidak berjaya. Kami sedang membaikinya!',
      payment: '⚠️ <b>Gangguan!</b> Bayaran anda mungkin lambat atau tidak berjaya. Kami sedang membaikinya!',
      purchase: '⚠️ <b>Gangguan!</b> Pesanan anda mungkin lambat atau tidak berjaya. Kami sedang membaikinya!',
    },
    typeAccount: (label) => `Sila taip <b>${label}</b>:`,
    phoneHint: (example) => `Contoh: ${example}`,
    nricHint: '12 digit, dengan atau tanpa sempang. Contoh: 900101-14-5678',
    digitsHint: 'Digit sahaja.',
    biller: (biller) => `Pembil: <b>${biller}</b>`,
    chooseBiller:
      'Taip <b>kod pembil</b>, atau beberapa huruf nama pembil untuk mencari, atau pilih salah satu di bawah:',
    billerSearchResults: (search) => `Pembil yang sepadan dengan “${search}”:`,
    noBillers: (search) => `Tiada pembil sepadan dengan “${search}”. Cuba nama lain, atau taip kod pembil.`,
    narrowSearch: 'Tiada dalam senarai? Taip lebih banyak daripada nama itu.',
    ref2Prompt: 'Pembil ini juga memerlukan <b>Ref-2</b>. Sila taipkannya:',
    plansFor: (account) => `Pelan yang tersedia untuk <b>${account}</b>:`,
    accountsFor: (nric) => `Akaun yang didaftarkan kepada IC <b>${nric}</b>:`,
    noPlans: 'Tiada pelan tersedia untuk nombor ini buat masa ini. Semak nombor itu, atau cuba lagi nanti.',
    noAccounts: 'Tiada akaun ditemui untuk nombor IC ini. Sila semak dan cuba lagi.',
    chooseAmount: 'Pilih jumlah:',
    typeAmountRange: (min, max) =>
      `Taip jumlah yang hendak dibayar, dari <b>${min}</b> hingga <b>${max}</b>:`,
    typeAmountOpen: 'Taip jumlah yang hendak dibayar:',
    typeAmountUpTo: (max) => `Taip jumlah yang hendak dibayar, sehingga <b>${max}</b>:`,
    minimumAboveOrderMax: (min, max) =>
      `🚫 Jumlah paling kecil untuk ini ialah <b>${min}</b>, melebihi had satu pesanan di kedai ini, <b>${max}</b>, jadi ia tidak boleh dipesan di sini. Tekan <b>Kembali</b> untuk memilih yang lain.`,
    wholeUnitsOnly: 'Jumlah bulat sahaja, tanpa sen.',
    checkOrder: '🧾 <b>Sila semak pesanan anda</b>',
    balanceShort: (balance, shortfall) =>
      `👛 Dompet anda ada <b>${balance}</b>, kurang <b>${shortfall}</b> daripada harga ini. Tambah nilai dahulu, jika tidak pesanan akan ditolak semasa pengesahan.`,
    tapConfirm: 'Tekan <b>Sahkan dan bayar</b> untuk membuat pesanan.',
    processing: '⏳ <b>Pesanan anda sedang diproses…</b>',
    processingNote: 'Mesej ini akan menunjukkan keputusannya.',
    done: 'Pesanan anda sedang diproses: mesejnya di atas akan menunjukkan keputusannya. Mahu beli yang lain?',
  },

  loading: {
    catalog: '⏳ Memuatkan menu…',
    product: '⏳ Memuatkan produk…',
    options: '⏳ Menyemak pilihan yang tersedia…',
    billers: '⏳ Memuatkan senarai pembil…',
    bill: '⏳ Menyemak akaun…',
    history: '⏳ Memuatkan pesanan anda…',
    order: '⏳ Membuat pesanan anda…',
  },

  labels: {
    product: 'Produk',
    biller: 'Pembil',
    customerName: 'Nama',
    outstanding: 'Tertunggak',
    balance: 'Baki',
    dataBalance: 'Baki data',
    address: 'Alamat',
    dueDate: 'Tarikh akhir',
    detail: 'Butiran',
    option: 'Pilihan',
    plan: 'Pelan',
    account: 'Akaun',
    ref2: 'Ref-2',
    payerId: 'IC / pasport pembayar',
    amount: 'Jumlah',
    validity: 'Tempoh sah',
    serial: 'Nombor siri',
    pin: 'PIN',
    expiry: 'Tamat tempoh',
    voucher: 'Baucar',
    note: 'Nota',
    reference: 'Rujukan',
    time: 'Masa',
    reason: 'Sebab',
    providerNote: 'Catatan pembekal',
  },

  bill: {
    title: '🧾 <b>Butiran bil</b>',
  },

  accountFormats: {
    'id-phone': 'nombor telefon bimbit Indonesia (contoh 0812-3456-7890)',
    'international-phone': 'nombor telefon dengan kod negaranya (contoh 60123456789)',
    alipay: 'akaun Alipay dalam bentuk KodNegara|NomborTelefon_Nama (contoh 62|62812345678_IDSL)',
    meter: 'nombor meter (11 atau 12 digit)',
    'game-id': 'ID pemain (bahagian dipisahkan dengan |, contoh 156378300|8483)',
    'free-text': 'akaun yang sah (paling banyak 64 aksara)',
  },

  receipt: {
    activationCode: 'Kod pengaktifan',
    copyActivationCode: '📋 Salin kod pengaktifan',
    copySerial: '📋 Salin nombor siri',
    esimQr: '📷 Kod QR eSIM ada dalam gambar yang dihantar selepas resit ini.',
    esimQrWithLink:
      '📷 Kod QR eSIM ada dalam gambar yang dihantar selepas resit ini, dan di halaman pemasangannya (butang di bawah).',
    installEsim: '📲 Pasang eSIM',
    esimSteps:
      'Untuk memasang: buka Tetapan → Data mudah alih (atau Sambungan → Pengurus SIM) → Tambah eSIM → Imbas kod QR. Atau pilih “Masukkan butiran secara manual” dan tampal kod pengaktifan. Pasang sebelum anda melancong, melalui Wi-Fi, dan hidupkan apabila tiba.',
    esimQrCaption: (product) => `Kod QR eSIM: ${product}`,
    plnToken: 'Token PLN',
    copyToken: '📋 Salin token',
    kwh: 'kWh',
    tariffPower: 'Tarif / kuasa',
    moneyBeingReturned: (amount) => `💰 ${amount} sedang dikembalikan ke dompet anda.`,
    notCharged: '💰 Anda tidak dicaj.',
    refundedByProvider: '💰 Pembekal telah memberikan semula amaunnya.',
  },

  jompay: {
    unverifiedTitle: '🪪 <b>JomPAY memerlukan pembayar yang disahkan</b>',
    unverified: (userId) =>
      `Bayaran JomPAY mesti menamakan pembayar yang identitinya telah disemak oleh kedai (eKYC), dan identiti anda belum disemak. Tiada caj dikenakan.\nUntuk disahkan, hantar IC atau pasport anda kepada kedai bersama ID pengguna anda <code>${userId}</code>.`,
    payerLine: (masked) => `Pembayar (disahkan): <b>${masked}</b>`,
    billerUnknown: (code) =>
      `❗ Tiada pembiaya JomPAY dengan kod <b>${code}</b>. Sila semak kod pada bil anda, atau cari mengikut nama.`,
    verifyUsage:
      'Cara guna: <code>/verify &lt;ID pengguna&gt; &lt;IC atau pasport&gt;</code>, selepas menyemak dokumen identiti pembeli (eKYC).',
    unverifyUsage: 'Cara guna: <code>/unverify &lt;ID pengguna&gt;</code>',
    verified: (userId, masked) =>
      `🪪 Pembeli ${userId} kini boleh membayar JomPAY, sebagai pembayar <b>${masked}</b>.`,
    replaced: (masked) => `Pengesahan terdahulu mereka (<b>${masked}</b>) telah diganti.`,
    removed: (userId) => `Pembeli ${userId} tidak lagi boleh membayar JomPAY.`,
    notVerified: (userId) => `Pembeli ${userId} tidak pernah disahkan.`,
    disabledNote:
      'JomPAY dimatikan di kedai ini (JOMPAY_ENABLED): tiada sesiapa boleh membayar JomPAY sehingga ia dihidupkan.',
  },

  notices: {
    phoneInvalid: (example) => `❗ Itu tidak kelihatan seperti nombor telefon bimbit. Contoh: ${example}`,
    nricInvalid:
      '❗ Nombor IC mempunyai 12 digit dan bermula dengan tarikh lahir yang sah, seperti 900101-14-5678.',
    payerIdInvalid:
      '❗ Sila taip nombor IC 12 digit (seperti 900101-14-5678) atau nombor pasport (seperti A12345678).',
    accountEmpty: '❗ Tiada apa-apa ditaip. Sila taip sekali lagi.',
    accountDigitsOnly: '❗ Sila guna digit sahaja.',
    accountTooLong: (max) => `❗ Itu terlalu panjang: paling banyak ${max} aksara.`,
    amountFormat: '❗ Sila taip jumlah seperti 10 atau 10.50.',
    amountNotPositive: '❗ Jumlah mesti lebih daripada sifar.',
    amountTooPrecise: (digits) => `❗ Terlalu banyak tempat perpuluhan: paling banyak ${digits}.`,
    amountTooLow: (min) => `❗ Itu kurang daripada jumlah minimum ${min}.`,
    amountTooHigh: (max) => `❗ Itu melebihi jumlah maksimum ${max}.`,
    amountTooLarge: '❗ Jumlah itu terlalu besar. Sila semak dan taip semula.',
    amountWholeUnits: '❗ Sila taip jumlah bulat, tanpa sen.',
    amountNotAChoice: (choices) => `❗ Sila pilih salah satu: ${choices}.`,
    billInvalid: (message) => `❗ Kata pembekal: ${message}\nSila semak dan taip sekali lagi.`,
    billInvalidNoReason: '❗ Pembekal tidak menemui akaun ini. Sila semak dan taip sekali lagi.',
    billBlocked: (message) =>
      `⛔ Bayaran ini tidak boleh dibuat sekarang. Kata pembekal: ${message}\nTiada caj dikenakan.`,
    amountRefused: (message) => `❗ Pembekal menolak amaun ini: ${message}\nSila pilih amaun lain.`,
    amountRefusedNoReason: '❗ Pembekal menolak amaun ini. Sila pilih amaun lain.',
    accountFormat: (format) => `❗ Itu bukan ${format}. Sila semak dan taip sekali lagi.`,
    accountWrongOperator: (operator) =>
      `❗ Nombor itu bukan nombor ${operator}. Sila taip nombor ${operator}, atau pilih produk operatornya.`,
    accountWrongOperatorUnnamed: '❗ Nombor itu milik operator lain. Sila pilih produk operatornya.',
    ref2Required: (message) => `ℹ️ Kata pembekal: ${message}`,
    billSkipped: 'ℹ️ Butiran bil tidak dapat diambil buat masa ini. Anda masih boleh membayar.',
    cancelled: '✖️ Dibatalkan. Tiada caj dikenakan.',
    cancelledAfterConfirm:
      '✖️ Dibatalkan. Jika pesanan anda sampai kepada kami sebelum ralat itu, /history menunjukkan statusnya.',
    alreadyProcessing:
      'ℹ️ Pesanan itu sudah dibuat dan tidak boleh dibatalkan lagi. Mesejnya menunjukkan keputusannya.',
    expired: 'ℹ️ Menu itu sudah tamat tempoh. Inilah langkah anda sekarang.',
    useButtons: 'ℹ️ Sila guna butang di bawah.',
    unknownCommand: 'ℹ️ Saya tidak kenal arahan itu. Cuba /start, /history, /help, /lang atau /cancel.',
    languageChanged: '✅ Bahasa ditukar kepada Bahasa Melayu.',
    productUnavailable: 'ℹ️ Maaf, produk itu tiada buat masa ini.',
    priceAboveOrderMax: (limit) =>
      `🚫 Harganya melebihi had satu pesanan di kedai ini, <b>${limit}</b>. Sila pilih yang lain.`,
    orderNotFound: 'ℹ️ Kami tidak menemui pesanan itu.',
    quoteRefreshed: 'ℹ️ Ringkasan ini telah lama dibuka. Sila semak sekali lagi, kemudian sahkan.',
  },

  errors: {
    tellUser: (reason) => `❌ Pembekal tidak dapat melakukannya: ${reason}`,
    tellUserNoReason: '❌ Pembekal menolak permintaan ini.',
    tryLater: '⏳ Perkhidmatan sedang sibuk atau tidak dapat dihubungi. Sila cuba lagi sebentar nanti.',
    keepPending: '⏳ Kami masih menunggu jawapan. Sila cuba lagi sebentar nanti.',
    fixConfig:
      '🛠 Kedai tidak dapat menerima pesanan buat masa ini. Pemilik telah dimaklumkan. Sila cuba lagi nanti.',
    report: '⚠️ Kami menerima jawapan yang tidak dapat dibaca. Sila cuba lagi nanti.',
    internal: '⚠️ Berlaku masalah di pihak kami. Sila cuba lagi.',
    orderNotPlaced: '❌ <b>Pesanan anda tidak dapat disahkan.</b>',
    safeToRetry: 'Mencuba lagi tidak akan mengenakan caj dua kali.',
  },

  history: {
    title: '🧾 <b>Pesanan terkini anda</b>',
    tapOne: 'Tekan satu untuk melihat resitnya.',
    empty: 'Anda belum mempunyai sebarang pesanan.',
  },

  orders: {
    processingTitle: '⏳ <b>Sedang diproses</b>',
    processingBody: 'Kami sedang menyelesaikan pesanan anda. Mesej ini akan dikemas kini dengan sendirinya.',
    lastChecked: (time) => `🔄 Kali terakhir disemak dengan pembekal pada ${time}.`,
    needsAttentionTitle: '🕓 <b>Masih menyemak dengan pembekal</b>',
    needsAttentionBody:
      'Ini mengambil masa lebih lama daripada biasa. Kami masih menyemak dengan pembekal dan akan menghantar mesej kepada anda sebaik sahaja kami tahu. Jangan bayar sekali lagi.',
    succeededTitle: '✅ <b>Berjaya</b>',
    failedTitle: '❌ <b>Gagal</b>',
    failedBody: 'Pesanan tidak berjaya.',
    noReason: 'Pembekal tidak menyatakan sebabnya.',
    returned: (price) => `💰 ${price} dikembalikan ke dompet anda.`,
    returnedWithBalance: (price, balance) => `💰 ${price} dikembalikan ke dompet anda; baki ${balance}.`,
    paid: (price) => `💳 ${price} dibayar daripada dompet anda.`,
    paidWithBalance: (price, balance) => `💳 ${price} dibayar daripada dompet anda; baki ${balance}.`,
    refundedTitle: '↩️ <b>Dikembalikan</b>',
    refundedBody: 'Pembekal telah membatalkan pesanan ini: tiada apa-apa dihantar.',
    cancelledTitle: '🚫 <b>Dibatalkan</b>',
    cancelledBody: 'Pesanan ini tidak pernah dihantar kepada pembekal, jadi tiada caj dikenakan.',
  },

  failures: {
    provider_declined: 'Pembekal menolak pembayaran ini.',
    invalid_account:
      'Nombor atau akaun salah, disekat atau tidak boleh digunakan. Sila semak dan buat pesanan semula.',
    limit_reached: 'Nombor ini telah mencapai had tambah nilai buat masa ini. Sila cuba lagi kemudian.',
    product_unavailable: 'Produk atau jumlah ini kehabisan stok atau tidak tersedia buat masa ini.',
    provider_unavailable: 'Perkhidmatan pembekal tidak tersedia. Sila cuba lagi kemudian.',
    shop_unavailable: 'Perkhidmatan ini tidak tersedia buat sementara. Sila cuba lagi nanti.',
    not_sent_in_time:
      'Pesanan tidak dihantar kepada pembekal tepat pada masanya, jadi ia dibatalkan. Anda tidak dicaj.',
    refunded: 'Pembekal telah membatalkan pembayaran ini.',
  },

  wallet: {
    buttons: {
      wallet: '👛 Dompet saya',
      topup: '➕ Tambah nilai',
      backToOrder: '⬅️ Kembali ke pesanan saya',
    },
    balanceLine: (balance) => `👛 Baki dompet: <b>${balance}</b>`,
    statementTitle: '👛 <b>Dompet anda</b>',
    balance: (balance) => `Baki: <b>${balance}</b>`,
    empty: 'Belum ada wang masuk atau keluar. Tekan Tambah nilai untuk menambah wang.',
    range: (from, to, total) => `Catatan ${from}–${to} daripada ${total}, terbaru dahulu:`,
    kinds: {
      topup: 'Tambah nilai',
      purchase: 'Pembelian',
      purchase_returned: 'Dipulangkan (pesanan tidak dihantar)',
      admin_credit: 'Ditambah oleh kedai',
      admin_debit: 'Ditolak oleh kedai',
      reversal: 'Tambah nilai dibatalkan',
      reversal_undone: 'Pembatalan ditarik balik',
    },
    entryNotes: {
      topup: {
        transfer: 'Pindahan bank',
        billplz: 'Perbankan dalam talian (Billplz)',
        stars: 'Telegram Stars',
        admin: 'Oleh kedai',
      },
      returned: {
        failed: 'Pesanan gagal',
        rejected: 'Pesanan ditolak oleh pembekal',
        cancelled: 'Pesanan dibatalkan',
        refunded: 'Pesanan dibatalkan oleh pembekal',
      },
      starsRefund: 'Stars dipulangkan melalui Telegram',
      starsRefundBy: (adminId) => `Stars dipulangkan melalui Telegram oleh ${adminId}`,
      starsRefundedElsewhere: 'Stars dipulangkan oleh Telegram',
      starsRefundRefused: 'Telegram menolak pemulangan Stars; kredit dikembalikan',
    },
    loading: '⏳ Membuka dompet anda…',
    quoting: '⏳ Mengira harga…',
    sendingClaim: '⏳ Menghantar tambah nilai anda kepada kedai…',
    faceValue: 'Nilai muka',
    youPay: 'Anda bayar',
    insufficientTitle: '👛 <b>Baki dompet tidak mencukupi</b>',
    insufficient: (balance, price, shortfall) =>
      `Pesanan ini berharga <b>${price}</b> dan dompet anda ada <b>${balance}</b>: anda perlukan <b>${shortfall}</b> lagi. Tiada caj dikenakan dan tiada pesanan dibuat.\nTambah nilai dompet anda, kemudian kembali dan sahkan.`,
    topupChooseAmount: '➕ <b>Tambah nilai dompet anda</b>\nBerapa yang akan anda pindahkan? Pilih jumlah:',
    topupTypeAmount: (min, max) => `Atau taip jumlah dari ${min} hingga ${max}.`,
    topupPayTitle: (amount) => `🏦 <b>Pindahkan ${amount}</b> kepada kedai:`,
    topupSendEvidence:
      'Selepas membayar, hantar <b>foto resit</b> di sini, atau taip <b>rujukan pindahan</b>. Admin akan menyemaknya dan mengkreditkan dompet anda.',
    topupSentTitle: '📨 <b>Tambah nilai dihantar untuk semakan</b>',
    topupSentBody: (amount) =>
      `Admin akan menyemak pindahan anda sebanyak <b>${amount}</b> dan mengkreditkan dompet anda. Saya akan memaklumkan anda apabila selesai.`,
    topupExpires: (when) =>
      `Jika tiada sesiapa menyemaknya sebelum ${when}, ia tamat tempoh; hantar semula selepas itu.`,
    reference: (reference) => `Rujukan: <code>${reference}</code>`,
    photoAttached: 'Foto resit: dilampirkan',
    evidenceNeeded: '📷 Sila hantar <b>foto</b> resit pindahan anda, atau taip <b>rujukan pindahan</b>.',
    referenceInvalid:
      '⚠️ Itu tidak kelihatan seperti rujukan pindahan. Taip rujukan tepat seperti yang ditunjukkan oleh bank anda (huruf dan nombor), atau hantar foto resit.',
    topupUnavailable: 'ℹ️ Tambah nilai tidak tersedia sekarang. Sila tanya kedai.',
    payOnlineButton: '🏦 Bayar dalam talian (FPX)',
    payStarsButton: '⭐ Bayar dengan Stars',
    orPayOnline: 'Atau bayar dalam talian di bawah: dompet anda dikreditkan sebaik sahaja bayaran disahkan.',
    onlineOnly: 'Pilih cara bayaran: dompet anda dikreditkan sebaik sahaja bayaran disahkan.',
    startingOnline: '⏳ Menyediakan bayaran anda…',
    onlineNotStarted: '⚠️ Bayaran dalam talian tidak dapat dimulakan. Tiada caj dikenakan.',
    billplzTitle: (amount) => `🏦 <b>Bayar ${amount} dalam talian</b>`,
    billplzBody:
      'Buka halaman bayaran dan bayar dengan bank anda (FPX). Dompet anda dikreditkan sebaik sahaja Billplz mengesahkan bayaran; saya akan memaklumkan anda.',
    billplzOpen: 'Buka halaman bayaran',
    starsTitle: (amount, stars) => `⭐ <b>Tambah nilai ${amount} untuk ${stars} Stars</b>`,
    starsBody:
      'Tekan Bayar pada invois di bawah. Dompet anda dikreditkan sebaik sahaja Telegram mengesahkan bayaran.',
    onlineExpires: (when) => `Bayaran boleh dibuat sehingga ${when}.`,
    topupCredited: (amount, balance) =>
      `✅ <b>Tambah nilai dikreditkan</b>\n${amount} telah ditambah ke dompet anda. Baki: <b>${balance}</b>`,
  },

  topupReview: {
    claimTitle: '🏦 <b>Tuntutan tambah nilai</b>',
    buyer: (userId) => `Pembeli: <code>${userId}</code>`,
    amount: (amount) => `Jumlah: <b>${amount}</b>`,
    reference: (reference) => `Rujukan: <code>${reference}</code>`,
    noReference: 'Rujukan: tiada',
    photoAbove: 'Resit: foto di atas',
    sent: (when) => `Dihantar: ${when}`,
    expires: (when) => `Tamat tempoh: ${when}`,
    approve: '✅ Luluskan',
    reject: '❌ Tolak',
    approvedBy: (adminId, when) =>
      `✅ <b>Diluluskan</b> oleh <code>${adminId}</code> pada ${when}; dompet telah dikreditkan.`,
    rejectedBy: (adminId, when) => `❌ <b>Ditolak</b> oleh <code>${adminId}</code> pada ${when}.`,
    toastApproved: 'Diluluskan: dompet pembeli telah dikreditkan.',
    toastRejected: 'Ditolak: pembeli telah dimaklumkan.',
    toastNotAdmin: 'Hanya admin kedai boleh memutuskan tambah nilai.',
    toastAlreadyDecided: 'Tuntutan ini sudah diputuskan; tiada perubahan.',
    toastExpired: 'Tuntutan ini telah tamat tempoh dan tidak boleh diluluskan lagi.',
    toastOwnClaim: 'Anda tidak boleh meluluskan tambah nilai anda sendiri.',
    toastMissing: 'Tuntutan ini tidak wujud lagi.',
    proofWarning:
      '⚠️ <b>Bukti ini telah digunakan dalam tuntutan lain.</b> Semak penyata bank sebelum meluluskan: satu pindahan hanya boleh dikreditkan sekali.',
    proofMatch: (shared, claimId, buyer, standing, earlier) =>
      `• ${shared} sama seperti tuntutan ${earlier ? 'terdahulu' : 'kemudian'} <code>${claimId}</code> daripada pembeli <code>${buyer}</code>: <b>${standing}</b>`,
    proofShared: { reference: 'Rujukan', photo: 'Foto resit', both: 'Rujukan dan foto resit' },
    standings: {
      pending: 'menunggu',
      approved: 'diluluskan',
      rejected: 'ditolak',
      expired: 'tamat tempoh',
      unknown: 'status tidak diketahui',
    },
    approveAnyway: '⚠️ Luluskan juga',
    toastConfirmNeeded: (button) =>
      `Bukti ini sepadan dengan tuntutan lain. Semak bank; untuk mengkreditkannya juga, tekan “${button}”.`,
    toastMatchesChanged: (button) =>
      `Tuntutan lain dengan bukti ini telah diluluskan sejak kad ini dipaparkan. Semak kad yang dikemas kini; untuk mengkreditkan yang ini juga, tekan “${button}” sekali lagi.`,
    buyerApproved: (amount, balance) =>
      `✅ <b>Tambah nilai diluluskan</b>\n${amount} telah ditambah ke dompet anda. Baki: <b>${balance}</b>`,
    buyerRejected: (amount) =>
      `❌ <b>Tambah nilai tidak diluluskan</b>\nKedai tidak dapat mengesahkan pindahan anda sebanyak ${amount}; tiada apa-apa ditambah. Sila hubungi kedai jika anda telah membayar.`,
    openTitle: (count) => `🏦 <b>Tuntutan tambah nilai menunggu semakan: ${count}</b>`,
    openNone: '🏦 Tiada tuntutan tambah nilai menunggu semakan.',
  },

  help: {
    text: [
      '❓ <b>Cara membeli</b>',
      '1. Hantar /start dan pilih kategori, kemudian produk.',
      '2. Taip nombor telefon atau akaun yang diminta.',
      '3. Pilih atau taip jumlah, semak ringkasan dan tekan Sahkan.',
      'Resit (PIN, nombor siri, pautan baucar) dipaparkan dalam mesej yang sama sebaik sahaja pembekal menjawab.',
    ].join('\n'),
    commandsTitle: '<b>Arahan</b>',
  },

  privacy: {
    text: [
      '🔒 <b>Privasi</b>',
      '<b>Apa yang kedai simpan</b>',
      '• ID pengguna Telegram anda: dompet dan pesanan anda direkodkan mengikut ID ini.',
      '• Kedudukan anda dalam perbualan ini (skrin, pembelian yang sedang anda buat): dipadam sejam selepas mesej atau tekanan butang terakhir anda. Bahasa yang anda pilih dengan /lang disimpan selama 400 hari selepas kali terakhir anda memilihnya.',
      '• Pesanan anda: produk, nombor telefon atau akaun yang anda berikan, nama pada akaun jika penyedia memberikannya, harga, bahasa anda dan resit (PIN dan nombor siri; PIN disimpan dalam bentuk tersulit).',
      '• Dompet anda: setiap tambah nilai dan bayaran, serta bukti yang anda hantar untuk pindahan bank.',
      '• Untuk PTPTN dan JomPAY, nombor IC atau pasport anda, disimpan penuh bersama setiap pesanan itu dan bersama pengesahan JomPAY. Pentadbir yang mengesahkan anda melihat nombor penuh; di tempat lain bot hanya memaparkan empat aksara terakhirnya.',
      '',
      '<b>Siapa lagi yang melihatnya</b>',
      '• Penyedia pembayaran: nombor atau akaun yang anda berikan (juga semasa ia disemak sebelum anda membeli), dan untuk PTPTN atau JomPAY nombor IC atau pasport; tidak sekali-kali nama atau ID Telegram anda.',
      '• Gerbang perbankan dalam talian, apabila anda menambah nilai dalam talian: ID pengguna Telegram anda dan jumlahnya.',
      '• Telegram, yang membawa perbualan ini (termasuk resit dan bukti) dan memproses bayaran dengan Stars.',
      '• Pentadbir kedai: ID Telegram anda, pesanan, dompet dan bukti yang anda hantar (salinannya sampai ke chat mereka sendiri), dan untuk JomPAY dokumen yang digunakan untuk mengesahkan anda.',
      '',
      'Log pelayan kedai mencatat ID Telegram anda bersama pesanan dan tambah nilai anda. Rekod pesanan, dompet dan pengesahan JomPAY ialah rekod perakaunan kedai dan disimpan tanpa tempoh luput (pengesahan sehingga pentadbir menariknya balik).',
    ].join('\n'),
    policyLink: (url) => `Dasar privasi penuh kedai: ${url}`,
  },
  language: {
    choose: '🌐 Pilih bahasa anda:',
  },

  privateOnly: {
    text: '🔒 Saya hanya menerima pesanan dalam sembang peribadi, supaya nombor dan resit anda kekal sulit. Tekan di bawah untuk menghantar mesej kepada saya.',
  },

  access: {
    notAllowed: (userId) =>
      `🔒 <b>Maaf, kedai ini hanya melayan pelanggan yang dijemput.</b>\nJika anda mengenali pemiliknya, hantarkan ID pengguna Telegram anda kepadanya supaya anda boleh ditambah: <code>${userId}</code>`,
    slowDown: '⏳ Anda menghantar mesej terlalu cepat. Sila tunggu beberapa saat, kemudian cuba lagi.',
    refusedTitle: '🚫 <b>Pesanan anda tidak dibuat.</b> Tiada caj dikenakan.',
    notAllowedToOrder: 'Kedai ini hanya melayan pelanggan yang dijemput, dan akaun anda tiada dalam senarai.',
    dailyCountReached: (limit) => `Anda telah mencapai had ${limit} pesanan untuk hari ini.`,
    dailyAmountReached: (limit) => `Anda telah mencapai had perbelanjaan hari ini sebanyak <b>${limit}</b>.`,
    dailyAmountLeft: (remaining, limit) =>
      `Pesanan ini melebihi baki yang boleh anda belanjakan hari ini: tinggal <b>${remaining}</b> daripada had harian <b>${limit}</b>.`,
    chooseSmaller: 'Kembali untuk memilih jumlah yang lebih kecil.',
    resetsAt: (when) => `Had anda ditetapkan semula pada tengah malam waktu kedai (${when}).`,
    orderTooLarge: (limit) => `Satu pesanan di kedai ini tidak boleh melebihi <b>${limit}</b>.`,
  },

  admin: {
    failed: (reason) => `⚠️ Tidak berjaya: ${reason}`,
    balanceTitle: '💰 <b>Dompet pembekal</b>',
    readOnly: '⚠️ Kunci API ini hanya boleh membaca: bayaran akan ditolak.',
    belowThreshold: '⚠️ Di bawah paras amaran baki rendah.',
    orderUsage: 'Hantar <code>/order</code> diikuti rujukan pesanan, contohnya <code>/order AB12CD34</code>.',
    orderNotFound: (refid) => `Tiada pesanan dengan rujukan <code>${refid}</code>.`,
    orderTitle: '🧾 <b>Pesanan</b>',
    requeried: '🔄 Disemak semula dengan pembekal sebentar tadi.',
    requeryBusy: 'ℹ️ Ia sedang disemak dengan pembekal pada saat ini; beginilah keadaannya tadi.',
    finalNotRequeried: 'ℹ️ Pesanan ini sudah muktamad, jadi ia tidak disemak semula.',
    requeryFailed: (reason) => `⚠️ Semakan semula gagal: ${reason}`,
    historyTitle: '<b>Sejarah</b>',
    pinDelivered: 'telah dihantar kepada pembeli (tidak dipaparkan di sini)',
    pendingTitle: (count) => `⏳ <b>Pesanan belum muktamad: ${count}</b> (yang terlama dahulu)`,
    pendingNone: '✅ Semua pesanan sudah muktamad.',
    pendingMore: (count) => `…dan ${count} lagi.`,
    statsTitle: (day) => `📊 <b>Hari ini, ${day}</b> (waktu kedai)`,
    statsTruncated: (count) => `Hanya ${count} pesanan pertama hari ini dikira.`,
    costUnknown: (count) =>
      `Pembekal tidak melaporkan kos bagi ${count} pesanan yang berjaya; nilai mukanya dikira sebagai kos.`,
    noRate: 'belum ada yang muktamad',
    uncharged: (count) =>
      `${count} pesanan yang berjaya tidak dicaj kepada pembeli (dikira 0 dalam hasil jualan).`,
    labels: {
      account: 'Akaun',
      name: 'Nama',
      level: 'Tahap',
      balance: 'Baki',
      threshold: 'Amaran di bawah',
      state: 'Status',
      buyer: 'Pembeli',
      product: 'Produk',
      amount: 'Jumlah',
      cost: 'Kos',
      provider: 'Pembekal',
      attempts: 'Panggilan kepada pembekal',
      created: 'Dibuat',
      updated: 'Dikemas kini',
      reason: 'Sebab',
      providerSaid: 'Kata pembekal',
      serial: 'Nombor siri',
      pin: 'PIN',
      orders: 'Pesanan',
      buyers: 'Pembeli',
      succeeded: 'Berjaya',
      failed: 'Gagal',
      refunded: 'Dikembalikan',
      cancelled: 'Dibatalkan',
      inProgress: 'Sedang diproses',
      needsAttention: 'Perlu perhatian',
      successRate: 'Kadar kejayaan',
      volume: 'Jualan (berjaya)',
      sales: 'Dibayar pembeli',
      margin: 'Margin',
    },
    states: {
      confirmed: 'Disahkan, belum dihantar',
      submitted: 'Sedang dihantar kepada pembekal',
      pending: 'Menunggu pembekal',
      needs_attention: 'Perlu perhatian',
      succeeded: 'Berjaya',
      failed: 'Gagal',
      refunded: 'Dikembalikan',
      rejected: 'Ditolak oleh pembekal',
      cancelled: 'Dibatalkan',
    },
    duration: {
      minutes: (minutes) => `${minutes} minit`,
      hours: (hours, minutes) => `${hours} jam ${minutes} minit`,
      days: (days, hours) => `${days} hari ${hours} jam`,
    },
  },

  alerts: {
    unsellable: (name, code, detail) =>
      `🚫 <b>Produk tidak boleh dijual</b>\n${name} (<code>${code}</code>) ditunjukkan kepada pembeli sebagai tidak tersedia: senarai pembekal tidak dapat dibaca (<i>${detail}</i>).`,
    shopUnavailable: (refid, said) =>
      `⛔ <b>Pembekal menolak kedai</b>\nPesanan <code>${refid}</code> gagal pada akaun kedai sendiri: <i>${said}</i>. Pembeli diberitahu perkhidmatan tidak tersedia buat sementara. Semak /balance dan papan pemuka pembekal.`,
    soldAtLoss: (refid, product, price, cost) =>
      `📉 <b>Dijual rugi</b>\nPesanan <code>${refid}</code> (${product}): pembeli membayar <b>${price}</b> dan pembekal mengenakan <b>${cost}</b>. Harga pembekal mungkin telah naik; semak margin dengan /prices.`,
    notifyFailed: (refid, userId, detail) =>
      `📭 <b>Pembeli tidak dapat diberitahu</b>\nKeputusan pesanan <code>${refid}</code> tidak dapat ditunjukkan kepada pembeli ${userId} (<i>${detail}</i>). Ia ada dalam /history mereka; lihat <code>/order ${refid}</code>.`,
    starsRefundShort: (userId, amount, balance, stars, topupId) =>
      `⚠️ <b>Stars dipulangkan, kredit tidak ditarik balik</b>\nTelegram memulangkan ${stars} Stars kepada pembeli <code>${userId}</code> (tambah nilai ${topupId}), tetapi baki dompetnya (${balance}) tidak lagi menampung kredit ${amount}. Tiada apa-apa diambil: dompet tidak berubah. Selesaikan secara manual, contohnya dengan /debit ${userId}.`,
    lowBalance: (balance, threshold) =>
      `🪫 <b>Baki dompet rendah</b>\nBaki dompet pembekal tinggal <b>${balance}</b>, di bawah paras amaran anda iaitu ${threshold}. Tambah nilai sebelum bayaran mula gagal.`,
    needsAttention:
      '🕓 <b>Satu pesanan perlu perhatian</b>\nPembekal belum memberikan jawapan muktamad dalam masa yang ditetapkan.',
    needsAttentionHint: (refid) => `Semak dengan <code>/order ${refid}</code>.`,
    needsAttentionPaused: (minutes) =>
      `Banyak pesanan perlu perhatian: amaran seperti ini dihentikan seketika selama ${minutes} minit. Lihat /pending.`,
    moreNeedAttention: (count) => `${count} lagi pesanan perlu perhatian semasa amaran dihentikan seketika.`,
    providerErrors: (count, minutes) =>
      `🚨 <b>Ralat pembekal</b>\n${count} panggilan kepada pembekal gagal dalam ${minutes} minit yang lalu.`,
    lastError: (detail) => `Terkini: <i>${detail}</i>`,
    providerErrorsHint: 'Pesanan kekal belum selesai dan akan disemak semula. Semak /balance dan log.',
  },

  commands: {
    start: 'Kedai: pilih sesuatu untuk dibeli',
    help: 'Cara membeli',
    privacy: 'Apa yang kedai simpan tentang anda',
    paysupport: 'Bantuan untuk bayaran dengan Stars',
    terms: 'Terma bayaran dengan Stars',
    history: 'Pesanan terkini anda',
    lang: 'Tukar bahasa',
    cancel: 'Hentikan pembelian semasa',
    wallet: 'Dompet anda: baki, penyata dan tambah nilai',
    balance: 'Admin: baki dompet pembekal',
    order: 'Admin: pesanan dan sejarahnya, disemak semula sekarang',
    pending: 'Admin: pesanan yang belum muktamad',
    stats: 'Admin: pesanan dan jualan hari ini',
    verify: 'Tandakan pembeli disahkan untuk JomPAY: /verify ID_PENGGUNA IC_ATAU_PASPORT',
    unverify: 'Tarik balik pengesahan JomPAY pembeli: /unverify ID_PENGGUNA',
    topups: 'Admin: tuntutan tambah nilai menunggu semakan',
    reconcile: 'Admin: bandingkan satu hari dengan rekod pembekal',
    export: 'Admin: pesanan atau lejar sebagai fail CSV',
    reported: 'Admin: pesanan yang dilaporkan masalah oleh pembeli',
    credit: 'Admin: kredit dompet pembeli (/credit id-pengguna jumlah [nota])',
    debit: 'Admin: debit dompet pembeli (/debit id-pengguna jumlah [nota])',
    audit: 'Admin: semak dompet dengan lejarnya (/audit [id-pengguna])',
    margin: 'Admin: ubah peraturan harga, dipratonton dahulu',
    prices: 'Admin: peraturan harga',
    adminWallet: 'Dompet anda; /wallet id-pengguna menunjukkan dompet pembeli',
  },

  payins: {
    invoiceTitle: 'Tambah nilai dompet',
    invoiceDescription: (amount) =>
      `Kredit ${amount} dalam dompet kedai anda, untuk sebarang pembelian dalam bot ini.`,
    invoiceLabel: (amount) => `Tambah nilai ${amount}`,
    declinePaid: 'Invois ini sudah dibayar, jadi tiada apa-apa lagi yang perlu dibayar.',
    declineExpired: 'Invois ini telah tamat tempoh. Sila mulakan tambah nilai baharu dalam bot.',
    declineChanged: 'Harga invois ini telah berubah. Sila mulakan tambah nilai baharu dalam bot.',
    declineNotYours: 'Invois ini milik pembeli lain. Sila mulakan tambah nilai anda sendiri dalam bot.',
    declineUnknown: 'Invois ini tidak sah lagi. Sila mulakan tambah nilai baharu dalam bot.',
    declineUnavailable: 'Kedai tidak dapat menerima bayaran ini sekarang. Sila cuba lagi sebentar lagi.',
    paymentUnmatched:
      '⚠️ Bayaran anda diterima tetapi tidak dapat dipadankan dengan tambah nilai. Kedai telah dimaklumkan dan akan mengkredit atau memulangkannya; guna /paysupport jika ada soalan.',
    paysupport: (contact) =>
      `<b>Sokongan bayaran</b>\nUntuk sebarang masalah bayaran atau tambah nilai, ${contact ? `hubungi ${contact}` : 'tulis soalan anda di sini dan admin akan menjawab'}. Nyatakan tarikh dan jumlah. Jika kami tidak dapat menyerahkan apa yang anda bayar, Stars dipulangkan sepenuhnya.`,
    terms:
      '<b>Terma</b>\nTambah nilai menambah kredit ke dompet anda di kedai ini sahaja; kredit tidak boleh dikeluarkan atau dipindahkan. Pembelian diserahkan oleh pembekal kedai; pembelian yang gagal dipulangkan ke dompet anda. Bayaran Stars yang tidak dapat ditunaikan dipulangkan melalui Telegram. Soalan: /paysupport.',
    refundUsage: 'Guna: /refundstars &lt;id caj bayaran telegram&gt;',
    refundDone: (amount, stars, balance) =>
      `✅ ${stars} Stars dipulangkan; ${amount} ditarik balik daripada dompet pembeli (baki kini ${balance}).`,
    refundCompleted: (amount, stars, balance) =>
      `✅ Telegram menyatakan ${stars} Stars itu sudah dipulangkan; pemulangan kini direkodkan. ${amount} telah ditarik balik daripada dompet pembeli sekali sahaja, dan tiada lagi yang diambil (baki kini ${balance}).`,
    refundRefused: (reason, amount, balance) =>
      `⚠️ Telegram menolak pemulangan: ${reason}\nTiada Stars dipulangkan. ${amount} yang ditarik balik daripada dompet pembeli telah dikembalikan (baki kini ${balance}).`,
    refundUnknown: (reason, amount, stars) =>
      `⚠️ Telegram tidak mengesahkan pemulangan (${reason}). ${stars} Stars itu mungkin telah atau belum dipulangkan; ${amount} kekal ditarik balik daripada dompet pembeli. Hantar /refundstars yang sama sekali lagi: ia menyelesaikan pemulangan tanpa mengambil apa-apa lagi, atau mengembalikan kredit jika Telegram menolak.`,
    refundAlreadyDone: (amount, stars) =>
      `Sudah dipulangkan: ${stars} Stars telah kembali kepada pembeli dan ${amount} telah ditarik balik daripada dompetnya. Tiada apa-apa berubah.`,
    refundLegacyReversed: (amount, stars, userId) =>
      `⚠️ Kredit ${amount} bagi tambah nilai ini telah ditarik balik oleh versi bot yang lebih lama, yang tidak merekodkan sama ada Telegram memulangkan ${stars} Stars itu. Semak transaksi Star bot dalam Telegram; jika ia tidak dipulangkan, kembalikan kredit pembeli ${userId} dengan <code>/credit ${userId} …</code>. Tiada apa-apa berubah.`,
    refundShortAlready: (amount, stars, userId) =>
      `⚠️ Telegram sudah memulangkan ${stars} Stars ini, tetapi kredit ${amount} tidak dapat ditarik balik: pembeli ${userId} telah membelanjakannya. Tiada apa-apa berubah; selesaikan secara manual.`,
    refundSettledElsewhere: (state) =>
      `⚠️ Pemulangan lain bagi pembayaran ini telah menyelesaikannya; tambah nilainya kini ${state}. Tiada lagi yang diubah.`,
    refundInsufficient: (balance, amount) =>
      `⚠️ Tidak dipulangkan: pembeli telah membelanjakan kredit itu (baki ${balance}, tambah nilai ${amount}).`,
    refundUnmatchedDone: (stars) =>
      `✅ ${stars} Stars dipulangkan bagi pembayaran yang tidak pernah dikreditkan.`,
    refundUnmatchedRefused: (reason) =>
      `⚠️ Telegram menolak pemulangan: ${reason}\nTiada Stars dipulangkan. Pembayaran itu tidak pernah dikreditkan, jadi tiada dompet berubah.`,
    refundUnmatchedUnknown: (reason) =>
      `⚠️ Telegram tidak mengesahkan pemulangan (${reason}). Stars itu mungkin telah atau belum dipulangkan; pembayaran itu tidak pernah dikreditkan, jadi tiada dompet berubah. Hantar /refundstars yang sama sekali lagi untuk mengetahuinya.`,
    refundNotFound: '⚠️ Tiada pembayaran Stars dengan ID caj itu.',
    refundNotCredited: (state) => `⚠️ Tidak dipulangkan: tambah nilai itu ${state}, bukan dikreditkan.`,
    refundedBuyerReversed: (stars, amount, balance) =>
      `↩️ Pembayaran anda sebanyak ${stars} Stars telah dipulangkan. ${amount} yang ditambahnya telah ditarik balik daripada dompet anda (baki kini ${balance}).`,
    refundedBuyerTakenBefore: (stars, amount, balance) =>
      `↩️ Pembayaran anda sebanyak ${stars} Stars telah dipulangkan. ${amount} yang ditambahnya sudah ditarik balik daripada dompet anda (baki kini ${balance}).`,
    refundedBuyerShort: (stars, amount) =>
      `↩️ Pembayaran anda sebanyak ${stars} Stars telah dipulangkan. ${amount} yang ditambahnya sudah dibelanjakan, jadi dompet anda dibiarkan seperti biasa; kedai akan menghubungi anda mengenainya.`,
    refundedBuyerUncredited: (stars) =>
      `↩️ Pembayaran anda sebanyak ${stars} Stars telah dipulangkan. Ia tidak pernah ditambah ke dompet anda, jadi dompet anda tidak berubah.`,
    unmatchedAlert: (method, payerId, amount, reason) =>
      `⚠️ <b>Bayaran tidak dipadankan</b> (${method})\nId pembayar: <code>${payerId}</code>\nJumlah: ${amount}\nSebab: ${reason}`,
    billplzMismatchAlert: (topupId, problem) =>
      `⚠️ <b>Bil Billplz tidak sepadan dengan tambah nilainya</b> ${topupId}: ${problem}. Tidak dikreditkan.`,
  },

  toasts: {
    expired: 'Menu ini sudah tamat tempoh. Hantar /start untuk bermula semula.',
    notAllowed: 'Maaf, kedai ini hanya melayan pelanggan yang dijemput.',
    slowDown: 'Terlalu banyak tekanan. Sila tunggu beberapa saat.',
  },

  plain: {
    shareTitle: (product, amount) => `${product} – ${amount}`,
  },

  dates: {
    months: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ogo', 'Sep', 'Okt', 'Nov', 'Dis'],
  },

  pricing: {
    title: '🏷 <b>Harga</b>',
    noRules: 'Tiada peraturan harga: pembeli membayar harga pembekal. Tetapkan dengan /margin.',
    marginHeading: '<b>Margin</b> (barang berharga tetap)',
    feeHeading: '<b>Caj</b> (amaun yang ditaip dan bil, ditambah di atasnya)',
    marginSet: 'Margin',
    feeSet: 'Caj',
    scopeDefault: 'Lalai',
    scopeProduct: (code) => `Produk ${code}`,
    scopeGroup: (name) => `Kumpulan ${name}`,
    scopeCategory: (name) => `Kategori ${name}`,
    rounded: (step) => `dibundarkan ke atas kepada ${step}`,
    atCost: 'harga kos',
    change: (before, after) => `${before} → ${after}`,
    previewTitle: (target) => `<b>Perubahan:</b> ${target}`,
    previewSamples: 'Harga sebelum → selepas:',
    previewNone: 'Tiada contoh barang untuk ditunjukkan.',
    unknownProduct: (code) =>
      `🚫 Tiada produk dengan kod ${code} dalam katalog semasa, jadi peraturan ini tidak akan menentukan harga apa-apa. Tiada apa berubah: semak kod itu dan jalankan /margin semula.`,
    similarCodes: (codes) => `Kod yang hampir serupa: ${codes}`,
    unchanged: 'tidak berubah',
    marginOf: (amount) => `margin ${amount}`,
    cleared: 'tiada peraturan sendiri',
    saved: '✅ Peraturan harga disimpan.',
    stale:
      'Peraturan harga telah berubah sementara itu (admin lain), jadi tiada apa yang disimpan. Semak /prices dan jalankan /margin sekali lagi.',
    currencyMismatch: (rules, shop) =>
      `Peraturan harga yang disimpan dalam ${rules} tetapi kedai menjual dalam ${shop}. Betulkan peraturan sebelum menukarnya.`,
    usage:
      '<b>/margin</b>: tetapkan peraturan harga.\n<code>/margin default 5%</code>: 5% pada semua barang berharga tetap\n<code>/margin default 5% +0.50 round 0.10</code>: 5% tambah 0.50, dibundarkan ke atas kepada 0.10\n<code>/margin product D 3%</code>, <code>/margin group Prepaid +0.20</code>, <code>/margin category "Mobile Reload" 2%</code>\n<code>/margin category Bill fee 1.00</code>: caj atas amaun yang ditaip dan bil\n<code>/margin product D clear</code>: buang peraturan (tambah <code>fee</code> untuk peraturan caj)\nPeraturan paling khusus diguna: produk, kumpulan, kategori, lalai. Amaun dalam mata wang kedai. Lihat /prices.',
    problems: {
      unknownTarget: (word) => `“${word}” bukan sasaran: guna default, product, group atau category.`,
      missingName: (scope) => `${scope} yang mana? Letakkan namanya selepas perkataan ${scope}.`,
      missingRule:
        'Nyatakan peraturannya, cth. <code>5%</code>, <code>+0.50</code>, <code>round 0.10</code> atau <code>clear</code>.',
      badPercent: (word) =>
        `“${word}” bukan peratusan: tulis cth. 5% atau 1.25% (paling banyak dua tempat perpuluhan).`,
      percentTooLarge: (word) => `${word} melebihi 100%; itu hampir pasti salah taip.`,
      badAmount: (word) =>
        `“${word}” bukan amaun dalam mata wang kedai, cth. 0.50 (rupiah tiada perpuluhan).`,
      amountTooLarge: (word) => `${word} terlalu besar untuk margin atau langkah pembundaran.`,
      zeroStep: (word) =>
        `Pembundaran kepada ${word} tiada makna: beri langkah melebihi sifar, cth. round 0.10.`,
      negative: (word) =>
        `${word} ialah negatif: margin di bawah kos merugikan setiap jualan, jadi ia tidak dibenarkan.`,
      bareNumber: (word) => `Adakah “${word}” peratusan atau amaun? Tulis ${word}% atau +${word}.`,
      repeated: (word) => `“${word}”: setiap bahagian peraturan hanya boleh muncul sekali.`,
      clearWithRule: '<code>clear</code> membuang peraturan; hantar ia sahaja, tanpa bahagian lain.',
      unknownWord: (word) => `“${word}” tidak difahami. Hantar /margin untuk contoh.`,
    },
  },

  books: {
    reportIssueButton: '⚠️ Laporkan masalah',
    reportIssueAccepted: (reference) =>
      `✅ Laporan anda telah dihantar kepada pembekal, dengan rujukan <code>${reference}</code>.\nPembekal akan menyiasatnya. Untuk bantuan tentang pesanan ini sementara itu, hantar /paysupport.`,
    reportIssueRefused: (reference) =>
      `⚠️ Pembekal tidak menerima laporan untuk <code>${reference}</code>.\nUntuk bantuan tentang pesanan ini, hantar /paysupport.`,
    reportIssueEarlier: (answer) => `Pesanan ini telah dilaporkan.\n${answer}`,
    reportIssueNotPossible: 'Masalah hanya boleh dilaporkan untuk pesanan anda yang berjaya.',
    reportIssueFailed: 'Laporan tidak dapat dihantar sekarang. Sila cuba lagi dalam beberapa minit.',
    reconcileUsage:
      '<b>/reconcile</b> [YYYY-MM-DD]: bandingkan satu hari dengan pembekal (semalam secara lalai).',
    reconcileBusy: 'Replika lain sedang membuat penyesuaian. Cuba lagi sebentar lagi.',
    reconcileUnavailable: 'Pembekal ini tiada rekod untuk dibandingkan.',
    reportTitle: (provider, day) => `<b>Penyesuaian ${day}</b> (${provider})`,
    reportCounts: (orders, transactions) => `Pesanan kedai: ${orders}; transaksi pembekal: ${transactions}`,
    reportClean: '✅ Rekod sepadan.',
    reportUnknownHeading: '<b>Ada di pembekal, tiada di kedai:</b>',
    reportUnknownNotListed:
      'Pembekal tiada senarai transaksi: transaksi yang hilang dari kedai tidak dapat dicari.',
    reportLateRefundsHeading: '<b>Dipulangkan selepas berjaya:</b>',
    reportLateRefund: (refid, price, result) => `<code>${refid}</code> ${price}: ${result}`,
    lateRefundResults: {
      returned: 'dipulangkan kepada pembeli sekarang',
      already: 'sudah dipulangkan',
      skipped: 'sibuk, dicuba lagi pada larian seterusnya',
    },
    reportStatesHeading: '<b>Status tidak sepadan:</b>',
    reportStateLine: (refid, shop, provider, kind) =>
      `<code>${refid}</code> kedai ${shop}, pembekal ${provider}: ${kind}`,
    stateKinds: {
      'provider-success-shop-failure':
        'pembekal telah menghantar, pembeli telah dipulangkan: semak, jangan caj lagi',
      'shop-success-provider-failure': 'pembekal kata gagal: semak dengan pembekal',
      other: 'semak',
    },
    reportValuesHeading: '<b>Jumlah atau produk tidak sepadan:</b>',
    reportMissingHeading: '<b>Ada di kedai, tiada di pembekal:</b>',
    reportBalance: (moved, expected, difference) =>
      `Dompet pembekal bergerak ${moved}; kos hari itu ${expected}; perbezaan ${difference}`,
    exportUsage:
      '<b>/export</b> orders|ledger [dari] [hingga]: fail CSV; hari dalam bentuk YYYY-MM-DD, hari ini secara lalai, paling banyak 31 hari.',
    exportCaption: (kind, from, to, rows) => `${kind} ${from} hingga ${to}: ${rows} baris`,
    exportTooLong: 'Paling banyak 31 hari sekali gus.',
    reportedTitle: '<b>Pesanan yang dilaporkan (30 hari lepas)</b>',
    reportedNone: 'Tiada pesanan dilaporkan.',
  },
  walletAdmin: {
    usageCredit:
      'Hantar <code>/credit &lt;id pengguna&gt; &lt;jumlah&gt; [nota]</code>, contohnya <code>/credit 123456789 10.00 muhibah</code>.',
    usageDebit:
      'Hantar <code>/debit &lt;id pengguna&gt; &lt;jumlah&gt; [nota]</code>, contohnya <code>/debit 123456789 5.00 pembetulan</code>.',
    usageWallet:
      'Hantar <code>/wallet &lt;id pengguna&gt; [halaman]</code>, contohnya <code>/wallet 123456789</code>.',
    usageAudit:
      'Hantar <code>/audit</code> untuk semua dompet, atau <code>/audit &lt;id pengguna&gt;</code> untuk satu.',
    badUserId: (word) => `“${word}” bukan ID pengguna Telegram (digit sahaja, contohnya 123456789).`,
    badPage: (word) => `“${word}” bukan nombor halaman (1, 2, 3…).`,
    aboveAdjustLimit: (word, limit, setting) =>
      `🚫 “${word}” melebihi had bagi satu /credit atau /debit: <b>${limit}</b>. Tiada apa berubah. Jika pelarasan yang lebih besar memang dimaksudkan, naikkan had itu dengan ${setting}.`,
    badAmount: (word, why) => `“${word}”: ${why}`,
    walletEmpty: (credit) =>
      `Belum ada sebarang catatan. Untuk menambah wang ke dompet ini, hantar ${credit}.`,
    noSuchPage: (page, entries, pages) =>
      `Tiada halaman ${page}: dompet ini ada ${entries} catatan dalam ${pages} halaman.`,
    selfCredit: '🚫 Anda tidak boleh mengkredit dompet anda sendiri. Minta admin lain.',
    creditTitle: '➕ <b>Kredit dompet pembeli?</b>',
    debitTitle: '➖ <b>Debit dompet pembeli?</b>',
    buyer: (userId) => `Pembeli: <code>${userId}</code>`,
    amount: (amount) => `Jumlah: <b>${amount}</b>`,
    note: (note) => `Nota: <i>${note}</i>`,
    balanceChange: (before, after) => `Baki: ${before} → <b>${after}</b>`,
    confirmHint: (minutes) => `Tiada apa berubah sehingga anda menekan Sahkan (sah selama ${minutes} minit).`,
    unsettledOrders: (orders) =>
      `⚠️ Masih terbuka untuk pembeli ini: ${orders}. Jika satu gagal, harganya kembali ke dompet dengan sendirinya; kredit untuknya sekarang akan membayarnya balik dua kali.`,
    confirm: '✅ Sahkan',
    apply: '✅ Guna',
    cancel: '✖️ Batal',
    credited: (amount, userId, adminId, balance) =>
      `✅ <b>Dikreditkan</b> ${amount} kepada <code>${userId}</code> oleh <code>${adminId}</code>. Baki baharu: <b>${balance}</b>.`,
    debited: (amount, userId, adminId, balance) =>
      `✅ <b>Didebitkan</b> ${amount} daripada <code>${userId}</code> oleh <code>${adminId}</code>. Baki baharu: <b>${balance}</b>.`,
    insufficient: (userId, balance, amount) =>
      `🚫 <b>Tidak didebitkan.</b> Dompet <code>${userId}</code> hanya ada ${balance}, kurang daripada ${amount}. Tiada apa berubah.`,
    cancelled: '✖️ Dibatalkan. Tiada apa berubah.',
    buyerNotTold:
      '⚠️ Pembeli belum dapat dimaklumkan: bot akan mencuba lagi (kecuali mereka tidak pernah membuka sembang dengan bot).',
    buyerCredited: (amount, balance) =>
      `➕ <b>${amount}</b> telah ditambah ke dompet anda oleh kedai.\nBaki: <b>${balance}</b>`,
    buyerDebited: (amount, balance) =>
      `➖ <b>${amount}</b> telah diambil daripada dompet anda oleh kedai.\nBaki: <b>${balance}</b>`,
    buyerNote: (note) => `Nota: <i>${note}</i>`,
    walletTitle: (userId) => `👛 <b>Dompet <code>${userId}</code></b>`,
    auditOk: (userId, balance, entries) =>
      `✅ Dompet <code>${userId}</code> konsisten: ${balance}, ${entries} catatan.`,
    auditProblems: (userId, count) => `⚠️ Dompet <code>${userId}</code> ada ${count} masalah:`,
    auditAllTitle: (wallets, ok, problems) =>
      `🧮 <b>Audit ${wallets} dompet</b>\nKonsisten: <b>${ok}</b> · Bermasalah: <b>${problems}</b>`,
    auditNone: 'Belum ada pembeli yang mempunyai dompet: tiada apa untuk diaudit.',
    auditMore: (count) => `…dan ${count} lagi.`,
    auditPartial: (audited, total) => `Hanya ${audited} daripada ${total} dompet pertama diaudit.`,
    pricingHint: (minutes) => `Tiada apa berubah sehingga anda menekan Guna (sah selama ${minutes} minit).`,
    pricingCancelled: '✖️ Dibatalkan. Peraturan harga tidak diubah.',
    toasts: {
      done: 'Selesai.',
      alreadyApplied: 'Sudah dilaksanakan: tiada apa berubah.',
      cancelled: 'Dibatalkan.',
      alreadyCancelled: 'Ini telah dibatalkan: tiada apa berubah.',
      refused: 'Ditolak: lihat mesej.',
      stale: 'Peraturan harga telah berubah sementara itu: jalankan /margin sekali lagi.',
      expired: 'Ini telah tamat tempoh atau tidak wujud lagi. Jalankan arahan sekali lagi.',
      notAdmin: 'Hanya admin kedai boleh menggunakan butang ini.',
      busy: 'Sedang diuruskan; cuba lagi sebentar.',
      failed: 'Tidak berjaya. Cuba lagi.',
    },
  },
};
