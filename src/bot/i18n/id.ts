import type { Messages } from './messages.js';

/** Bahasa Indonesia: for IAK shops, whose buyers pay in rupiah. */
export const id: Messages = {
  languageName: 'Bahasa Indonesia',

  buttons: {
    shop: '🛒 Beli',
    shopAgain: '🛒 Beli yang lain',
    myOrders: '🧾 Pesanan saya',
    help: '❓ Bantuan',
    language: '🌐 Bahasa',
    back: '⬅️ Kembali',
    cancel: '✖️ Batal',
    home: '🏠 Beranda',
    prevPage: '◀️ Sebelumnya',
    nextPage: 'Berikutnya ▶️',
    confirm: '✅ Konfirmasi dan bayar',
    change: '✏️ Ubah',
    retry: '🔁 Coba lagi',
    tryAgain: '🔁 Coba lagi',
    refresh: '🔄 Muat ulang',
    keep: (value) => `↩️ Pakai ${value}`,
    payOutstanding: (amount) => `Bayar tagihan ${amount}`,
    clearSearch: '✖️ Hapus pencarian',
    copyPin: '📋 Salin PIN',
    openVoucher: '🎁 Buka voucher',
    viewEbill: '📄 Lihat e-tagihan',
    share: '📤 Bagikan',
    openPrivateChat: '💬 Buka obrolan pribadi',
  },

  home: {
    welcome:
      '👋 <b>Selamat datang!</b>\nBeli pulsa, paket data, bayar tagihan, voucher dan eSIM langsung di Telegram.',
  },

  menu: {
    chooseCategory: '🛒 <b>Mau beli apa?</b>',
    chooseProduct: (category) => `<b>${category}</b>\nPilih produk:`,
    unavailable: (name) => `🚫 ${name} (tidak tersedia)`,
    empty: 'Belum ada produk yang dijual saat ini. Silakan cek lagi nanti.',
    page: (page, pages) => `Halaman ${page} dari ${pages}`,
    categoryNames: {
      prepaid: 'Prabayar',
      postpaid: 'Pascabayar',
      'mobile postpaid': 'Pascabayar Seluler',
      internet: 'Internet',
      utilities: 'Utilitas',
      education: 'Pendidikan',
      'gift card': 'Kartu Hadiah',
      'gift cards': 'Kartu Hadiah',
      'travel esim': 'eSIM Perjalanan',
      jompay: 'JomPAY',
      other: 'Lainnya',
    },
  },

  purchase: {
    validForDays: (days) => `Berlaku ${days} hari.`,
    networkWarning: {
      topup: '⚠️ <b>Ada gangguan!</b> Isi ulang Anda mungkin lambat atau gagal. Kami sedang memperbaikinya!',
      payment:
        '⚠️ <b>Ada gangguan!</b> Pembayaran Anda mungkin lambat atau gagal. Kami sedang memperbaikinya!',
      purchase: '⚠️ <b>Ada gangguan!</b> Pesanan Anda mungkin lambat atau gagal. Kami sedang memperbaikinya!',
    },
    typeAccount: (label) => `Silakan ketik <b>${label}</b>:`,
    phoneHint: (example) => `Contoh: ${example}`,
    nricHint: '12 digit, dengan atau tanpa tanda hubung. Contoh: 900101-14-5678',
    digitsHint: 'Angka saja.',
    biller: (biller) => `Biller: <b>${biller}</b>`,
    chooseBiller:
      'Ketik <b>kode biller</b>, atau beberapa huruf nama biller untuk mencari, atau pilih salah satu di bawah:',
    billerSearchResults: (search) => `Biller yang cocok dengan “${search}”:`,
    noBillers: (search) =>
      `Tidak ada biller yang cocok dengan “${search}”. Coba nama lain, atau ketik kode biller.`,
    narrowSearch: 'Tidak ada di daftar? Ketik nama yang lebih lengkap.',
    ref2Prompt: 'Biller ini juga memerlukan <b>Ref-2</b>. Silakan ketik:',
    plansFor: (account) => `Paket yang tersedia untuk <b>${account}</b>:`,
    accountsFor: (nric) => `Akun yang terdaftar atas IC <b>${nric}</b>:`,
    noPlans: 'Belum ada paket untuk nomor ini saat ini. Periksa nomornya, atau coba lagi nanti.',
    noAccounts: 'Tidak ada akun untuk nomor IC ini. Silakan periksa dan coba lagi.',
    chooseAmount: 'Pilih nominal:',
    typeAmountRange: (min, max) =>
      `Ketik nominal yang ingin dibayar, dari <b>${min}</b> sampai <b>${max}</b>:`,
    typeAmountOpen: 'Ketik nominal yang ingin dibayar:',
    typeAmountUpTo: (max) => `Ketik nominal yang ingin dibayar, maksimal <b>${max}</b>:`,
    minimumAboveOrderMax: (min, max) =>
      `🚫 Nominal terkecil untuk ini <b>${min}</b>, melebihi batas satu pesanan di toko ini, <b>${max}</b>, jadi tidak bisa dipesan di sini. Ketuk <b>Kembali</b> untuk memilih yang lain.`,
    wholeUnitsOnly: 'Nominal bulat saja, tanpa desimal.',
    checkOrder: '🧾 <b>Silakan periksa pesanan Anda</b>',
    balanceShort: (balance, shortfall) =>
      `👛 Saldo dompet Anda <b>${balance}</b>, kurang <b>${shortfall}</b> dari harga ini. Isi saldo dulu, kalau tidak pesanan akan ditolak saat konfirmasi.`,
    tapConfirm: 'Ketuk <b>Konfirmasi dan bayar</b> untuk membuat pesanan.',
    processing: '⏳ <b>Pesanan Anda sedang diproses…</b>',
    processingNote: 'Pesan ini akan menampilkan hasilnya.',
    done: 'Pesanan Anda sedang diproses: pesan di atas akan menampilkan hasilnya. Mau beli yang lain?',
  },

  loading: {
    catalog: '⏳ Memuat menu…',
    product: '⏳ Memuat produk…',
    options: '⏳ Mengecek pilihan yang tersedia…',
    billers: '⏳ Memuat daftar biller…',
    bill: '⏳ Mengecek akun…',
    history: '⏳ Memuat pesanan Anda…',
    order: '⏳ Membuat pesanan Anda…',
  },

  labels: {
    product: 'Produk',
    biller: 'Biller',
    customerName: 'Nama',
    outstanding: 'Tagihan',
    balance: 'Saldo',
    dataBalance: 'Sisa kuota',
    address: 'Alamat',
    dueDate: 'Jatuh tempo',
    detail: 'Rincian',
    option: 'Pilihan',
    plan: 'Paket',
    account: 'Akun',
    ref2: 'Ref-2',
    payerId: 'IC / paspor pembayar',
    amount: 'Nominal',
    validity: 'Masa berlaku',
    serial: 'Nomor seri',
    pin: 'PIN',
    expiry: 'Kedaluwarsa',
    voucher: 'Voucher',
    note: 'Catatan',
    reference: 'Referensi',
    time: 'Waktu',
    reason: 'Alasan',
    providerNote: 'Catatan penyedia',
  },

  bill: {
    title: '🧾 <b>Rincian tagihan</b>',
  },

  accountFormats: {
    'id-phone': 'nomor HP Indonesia (contoh 0812-3456-7890)',
    'international-phone': 'nomor telepon dengan kode negaranya (contoh 60123456789)',
    alipay: 'akun Alipay dalam format KodeNegara|NomorTelepon_Nama (contoh 62|62812345678_IDSL)',
    meter: 'nomor meter atau ID pelanggan PLN (11 atau 12 digit)',
    'game-id': 'ID pemain (bagian dipisah dengan |, contoh 156378300|8483)',
    'free-text': 'akun yang valid (maksimal 64 karakter)',
  },

  receipt: {
    activationCode: 'Kode aktivasi',
    copyActivationCode: '📋 Salin kode aktivasi',
    copySerial: '📋 Salin nomor seri',
    esimQr: '📷 Kode QR eSIM ada di gambar yang dikirim setelah struk ini.',
    esimQrWithLink:
      '📷 Kode QR eSIM ada di gambar yang dikirim setelah struk ini, dan di halaman pemasangannya (tombol di bawah).',
    installEsim: '📲 Pasang eSIM',
    esimSteps:
      'Cara memasang: buka Pengaturan → Data seluler (atau Koneksi → Pengelola SIM) → Tambah eSIM → Pindai kode QR. Atau pilih “Masukkan detail secara manual” dan tempel kode aktivasi. Pasang sebelum berangkat, lewat Wi-Fi, lalu aktifkan setibanya di tujuan.',
    esimQrCaption: (product) => `Kode QR eSIM: ${product}`,
    plnToken: 'Token PLN',
    copyToken: '📋 Salin token',
    kwh: 'kWh',
    tariffPower: 'Tarif / daya',
    moneyBeingReturned: (amount) => `💰 ${amount} sedang dikembalikan ke dompet Anda.`,
    notCharged: '💰 Anda tidak dikenai biaya.',
    refundedByProvider: '💰 Penyedia sudah memberikan kembali dananya.',
  },

  jompay: {
    unverifiedTitle: '🪪 <b>JomPAY memerlukan pembayar yang terverifikasi</b>',
    unverified: (userId) =>
      `Pembayaran JomPAY wajib atas nama pembayar yang identitasnya sudah diperiksa toko (eKYC), dan identitas Anda belum diperiksa. Tidak ada biaya yang dikenakan.\nUntuk verifikasi, kirim IC atau paspor Anda ke toko beserta ID pengguna Anda <code>${userId}</code>.`,
    payerLine: (masked) => `Pembayar (terverifikasi): <b>${masked}</b>`,
    billerUnknown: (code) =>
      `❗ Tidak ada biller JomPAY dengan kode <b>${code}</b>. Periksa kode di tagihan Anda, atau cari berdasarkan nama.`,
    verifyUsage:
      'Cara pakai: <code>/verify &lt;ID pengguna&gt; &lt;IC atau paspor&gt;</code>, setelah memeriksa dokumen identitas pembeli (eKYC).',
    unverifyUsage: 'Cara pakai: <code>/unverify &lt;ID pengguna&gt;</code>',
    verified: (userId, masked) =>
      `🪪 Pembeli ${userId} sekarang bisa membayar JomPAY, sebagai pembayar <b>${masked}</b>.`,
    replaced: (masked) => `Verifikasi sebelumnya (<b>${masked}</b>) telah diganti.`,
    removed: (userId) => `Pembeli ${userId} tidak bisa lagi membayar JomPAY.`,
    notVerified: (userId) => `Pembeli ${userId} belum pernah diverifikasi.`,
    disabledNote:
      'JomPAY dinonaktifkan di toko ini (JOMPAY_ENABLED): tidak ada yang bisa membayar JomPAY sampai diaktifkan.',
  },

  notices: {
    phoneInvalid: (example) => `❗ Sepertinya itu bukan nomor HP. Contoh: ${example}`,
    nricInvalid:
      '❗ Nomor IC terdiri dari 12 digit dan diawali tanggal lahir yang valid, misalnya 900101-14-5678.',
    payerIdInvalid:
      '❗ Silakan ketik nomor IC 12 digit (misalnya 900101-14-5678) atau nomor paspor (misalnya A12345678).',
    accountEmpty: '❗ Belum ada yang diketik. Silakan ketik lagi.',
    accountDigitsOnly: '❗ Gunakan angka saja.',
    accountTooLong: (max) => `❗ Terlalu panjang: maksimal ${max} karakter.`,
    amountFormat: '❗ Silakan ketik nominal seperti 10000 atau 25000.',
    amountNotPositive: '❗ Nominal harus lebih dari nol.',
    amountTooPrecise: (digits) => `❗ Terlalu banyak angka desimal: maksimal ${digits}.`,
    amountTooLow: (min) => `❗ Kurang dari nominal minimum ${min}.`,
    amountTooHigh: (max) => `❗ Melebihi nominal maksimum ${max}.`,
    amountTooLarge: '❗ Nominal itu terlalu besar. Silakan periksa dan ketik lagi.',
    amountWholeUnits: '❗ Silakan ketik nominal bulat, tanpa desimal.',
    amountNotAChoice: (choices) => `❗ Silakan pilih salah satu: ${choices}.`,
    billInvalid: (message) => `❗ Kata penyedia: ${message}\nSilakan periksa dan ketik lagi.`,
    billInvalidNoReason: '❗ Penyedia tidak menemukan akun ini. Silakan periksa dan ketik lagi.',
    billBlocked: (message) =>
      `⛔ Pembayaran ini tidak bisa dilakukan sekarang. Kata penyedia: ${message}\nTidak ada biaya yang dikenakan.`,
    amountRefused: (message) => `❗ Penyedia menolak nominal ini: ${message}\nSilakan pilih nominal lain.`,
    amountRefusedNoReason: '❗ Penyedia menolak nominal ini. Silakan pilih nominal lain.',
    accountFormat: (format) => `❗ Itu bukan ${format}. Silakan periksa dan ketik lagi.`,
    accountWrongOperator: (operator) =>
      `❗ Nomor itu bukan nomor ${operator}. Silakan ketik nomor ${operator}, atau pilih produk operatornya.`,
    accountWrongOperatorUnnamed: '❗ Nomor itu milik operator lain. Silakan pilih produk operatornya.',
    ref2Required: (message) => `ℹ️ Kata penyedia: ${message}`,
    billSkipped: 'ℹ️ Rincian tagihan tidak bisa diambil saat ini. Anda tetap bisa membayar.',
    cancelled: '✖️ Dibatalkan. Tidak ada biaya yang dikenakan.',
    cancelledAfterConfirm:
      '✖️ Dibatalkan. Jika pesanan Anda sudah sampai ke kami sebelum galat itu, /history menampilkan statusnya.',
    alreadyProcessing:
      'ℹ️ Pesanan itu sudah dibuat dan tidak bisa dibatalkan lagi. Pesannya menampilkan hasilnya.',
    expired: 'ℹ️ Menu itu sudah kedaluwarsa. Ini langkah Anda sekarang.',
    useButtons: 'ℹ️ Silakan gunakan tombol di bawah.',
    unknownCommand: 'ℹ️ Saya tidak mengenal perintah itu. Coba /start, /history, /help, /lang atau /cancel.',
    languageChanged: '✅ Bahasa diganti ke Bahasa Indonesia.',
    productUnavailable: 'ℹ️ Maaf, produk itu sedang tidak tersedia.',
    priceAboveOrderMax: (limit) =>
      `🚫 Harganya melebihi batas satu pesanan di toko ini, <b>${limit}</b>. Silakan pilih yang lain.`,
    orderNotFound: 'ℹ️ Pesanan itu tidak ditemukan.',
    quoteRefreshed: 'ℹ️ Ringkasan ini sudah lama terbuka. Silakan periksa lagi, lalu konfirmasi.',
  },

  errors: {
    tellUser: (reason) => `❌ Penyedia tidak dapat memprosesnya: ${reason}`,
    tellUserNoReason: '❌ Penyedia menolak permintaan ini.',
    tryLater: '⏳ Layanan sedang sibuk atau tidak dapat dihubungi. Silakan coba lagi sebentar lagi.',
    keepPending: '⏳ Kami masih menunggu jawaban. Silakan coba lagi sebentar lagi.',
    fixConfig:
      '🛠 Toko belum bisa menerima pesanan saat ini. Pemilik sudah diberi tahu. Silakan coba lagi nanti.',
    report: '⚠️ Kami menerima jawaban yang tidak terbaca. Silakan coba lagi nanti.',
    internal: '⚠️ Terjadi masalah di pihak kami. Silakan coba lagi.',
    orderNotPlaced: '❌ <b>Pesanan Anda tidak dapat dikonfirmasi.</b>',
    safeToRetry: 'Mencoba lagi tidak akan menagih dua kali.',
  },

  history: {
    title: '🧾 <b>Pesanan terbaru Anda</b>',
    tapOne: 'Ketuk salah satu untuk melihat struknya.',
    empty: 'Anda belum punya pesanan.',
  },

  orders: {
    processingTitle: '⏳ <b>Sedang diproses</b>',
    processingBody: 'Kami sedang menyelesaikan pesanan Anda. Pesan ini akan diperbarui otomatis.',
    lastChecked: (time) => `🔄 Terakhir dicek ke penyedia pukul ${time}.`,
    needsAttentionTitle: '🕓 <b>Masih dicek ke penyedia</b>',
    needsAttentionBody:
      'Ini memakan waktu lebih lama dari biasanya. Kami masih mengecek ke penyedia dan akan mengabari Anda begitu ada kepastian. Jangan membayar lagi.',
    succeededTitle: '✅ <b>Berhasil</b>',
    failedTitle: '❌ <b>Gagal</b>',
    failedBody: 'Pesanan tidak berhasil.',
    noReason: 'Penyedia tidak menyebutkan alasannya.',
    returned: (price) => `💰 ${price} dikembalikan ke dompet Anda.`,
    returnedWithBalance: (price, balance) => `💰 ${price} dikembalikan ke dompet Anda; saldo ${balance}.`,
    paid: (price) => `💳 ${price} dibayar dari dompet Anda.`,
    paidWithBalance: (price, balance) => `💳 ${price} dibayar dari dompet Anda; saldo ${balance}.`,
    refundedTitle: '↩️ <b>Dikembalikan</b>',
    refundedBody: 'Penyedia membatalkan pesanan ini: tidak ada yang dikirim.',
    cancelledTitle: '🚫 <b>Dibatalkan</b>',
    cancelledBody: 'Pesanan ini tidak pernah dikirim ke penyedia, jadi tidak ada biaya yang dikenakan.',
  },

  failures: {
    provider_declined: 'Penyedia menolak pembayaran ini.',
    invalid_account:
      'Nomor atau akun salah, diblokir atau tidak bisa dipakai. Silakan periksa dan pesan ulang.',
    limit_reached: 'Nomor ini sudah mencapai batas isi ulang untuk saat ini. Silakan coba lagi nanti.',
    product_unavailable: 'Produk atau nominal ini sedang kosong atau tidak tersedia.',
    provider_unavailable: 'Layanan penyedia sedang tidak tersedia. Silakan coba lagi nanti.',
    shop_unavailable: 'Layanan ini sementara tidak tersedia. Silakan coba lagi nanti.',
    not_sent_in_time:
      'Pesanan tidak terkirim ke penyedia tepat waktu, jadi dibatalkan. Anda tidak dikenai biaya.',
    refunded: 'Penyedia membatalkan pembayaran ini.',
  },

  wallet: {
    buttons: {
      wallet: '👛 Dompet saya',
      topup: '➕ Isi saldo',
      backToOrder: '⬅️ Kembali ke pesanan saya',
    },
    balanceLine: (balance) => `👛 Saldo dompet: <b>${balance}</b>`,
    statementTitle: '👛 <b>Dompet Anda</b>',
    balance: (balance) => `Saldo: <b>${balance}</b>`,
    empty: 'Belum ada uang masuk atau keluar. Ketuk Isi saldo untuk menambah dana.',
    range: (from, to, total) => `Catatan ${from}–${to} dari ${total}, terbaru dulu:`,
    kinds: {
      topup: 'Isi saldo',
      purchase: 'Pembelian',
      purchase_returned: 'Dikembalikan (pesanan tidak terkirim)',
      admin_credit: 'Ditambahkan oleh toko',
      admin_debit: 'Dipotong oleh toko',
      reversal: 'Isi saldo dibatalkan',
      reversal_undone: 'Pembatalan dibatalkan',
    },
    entryNotes: {
      topup: {
        transfer: 'Transfer bank',
        billplz: 'Perbankan online (Billplz)',
        stars: 'Telegram Stars',
        admin: 'Oleh toko',
      },
      returned: {
        failed: 'Pesanan gagal',
        rejected: 'Pesanan ditolak penyedia',
        cancelled: 'Pesanan dibatalkan',
        refunded: 'Pesanan dibatalkan penyedia',
      },
      starsRefund: 'Stars dikembalikan lewat Telegram',
      starsRefundBy: (adminId) => `Stars dikembalikan lewat Telegram oleh ${adminId}`,
      starsRefundedElsewhere: 'Stars dikembalikan oleh Telegram',
      starsRefundRefused: 'Telegram menolak pengembalian Stars; saldo dikembalikan',
    },
    loading: '⏳ Membuka dompet Anda…',
    quoting: '⏳ Menghitung harga…',
    sendingClaim: '⏳ Mengirim isi saldo Anda ke toko…',
    faceValue: 'Nilai nominal',
    youPay: 'Anda bayar',
    insufficientTitle: '👛 <b>Saldo dompet tidak cukup</b>',
    insufficient: (balance, price, shortfall) =>
      `Pesanan ini seharga <b>${price}</b> dan saldo dompet Anda <b>${balance}</b>: Anda perlu <b>${shortfall}</b> lagi. Tidak ada biaya yang dikenakan dan tidak ada pesanan yang dibuat.\nIsi saldo dompet Anda, lalu kembali dan konfirmasi.`,
    topupChooseAmount: '➕ <b>Isi saldo dompet Anda</b>\nBerapa yang akan Anda transfer? Pilih nominal:',
    topupTypeAmount: (min, max) => `Atau ketik nominal dari ${min} sampai ${max}.`,
    topupPayTitle: (amount) => `🏦 <b>Transfer ${amount}</b> ke toko:`,
    topupSendEvidence:
      'Setelah membayar, kirim <b>foto bukti transfer</b> di sini, atau ketik <b>nomor referensi transfer</b>. Admin akan memeriksanya dan menambahkan saldo ke dompet Anda.',
    topupSentTitle: '📨 <b>Isi saldo dikirim untuk diperiksa</b>',
    topupSentBody: (amount) =>
      `Admin akan memeriksa transfer Anda sebesar <b>${amount}</b> dan menambahkan saldo ke dompet Anda. Saya akan mengabari Anda setelah selesai.`,
    topupExpires: (when) =>
      `Jika belum diperiksa sebelum ${when}, permintaan ini kedaluwarsa; kirim ulang setelah itu.`,
    reference: (reference) => `Referensi: <code>${reference}</code>`,
    photoAttached: 'Foto bukti: terlampir',
    evidenceNeeded:
      '📷 Silakan kirim <b>foto</b> bukti transfer Anda, atau ketik <b>nomor referensi transfer</b>.',
    referenceInvalid:
      '⚠️ Sepertinya itu bukan nomor referensi transfer. Ketik referensi persis seperti yang ditampilkan bank Anda (huruf dan angka), atau kirim foto bukti transfer.',
    topupUnavailable: 'ℹ️ Isi saldo sedang tidak tersedia. Silakan tanyakan ke toko.',
    payOnlineButton: '🏦 Bayar online (FPX)',
    payStarsButton: '⭐ Bayar dengan Stars',
    orPayOnline: 'Atau bayar online di bawah: saldo masuk ke dompet Anda begitu pembayaran terkonfirmasi.',
    onlineOnly: 'Pilih cara pembayaran: saldo masuk ke dompet Anda begitu pembayaran terkonfirmasi.',
    startingOnline: '⏳ Menyiapkan pembayaran Anda…',
    onlineNotStarted: '⚠️ Pembayaran online tidak dapat dimulai. Tidak ada biaya yang dikenakan.',
    billplzTitle: (amount) => `🏦 <b>Bayar ${amount} secara online</b>`,
    billplzBody:
      'Buka halaman pembayaran dan bayar lewat bank Anda (FPX). Saldo masuk ke dompet Anda begitu Billplz mengonfirmasi pembayaran; saya akan mengabari Anda.',
    billplzOpen: 'Buka halaman pembayaran',
    starsTitle: (amount, stars) => `⭐ <b>Isi saldo ${amount} dengan ${stars} Stars</b>`,
    starsBody:
      'Ketuk Bayar pada tagihan di bawah. Saldo masuk ke dompet Anda begitu Telegram mengonfirmasi pembayaran.',
    onlineExpires: (when) => `Pembayaran bisa dilakukan sampai ${when}.`,
    topupCredited: (amount, balance) =>
      `✅ <b>Isi saldo berhasil</b>\n${amount} sudah masuk ke dompet Anda. Saldo: <b>${balance}</b>`,
  },

  topupReview: {
    claimTitle: '🏦 <b>Permintaan isi saldo</b>',
    buyer: (userId) => `Pembeli: <code>${userId}</code>`,
    amount: (amount) => `Nominal: <b>${amount}</b>`,
    reference: (reference) => `Referensi: <code>${reference}</code>`,
    noReference: 'Referensi: tidak ada',
    photoAbove: 'Bukti: foto di atas',
    sent: (when) => `Dikirim: ${when}`,
    expires: (when) => `Kedaluwarsa: ${when}`,
    approve: '✅ Setujui',
    reject: '❌ Tolak',
    approvedBy: (adminId, when) =>
      `✅ <b>Disetujui</b> oleh <code>${adminId}</code> pada ${when}; saldo sudah ditambahkan ke dompet.`,
    rejectedBy: (adminId, when) => `❌ <b>Ditolak</b> oleh <code>${adminId}</code> pada ${when}.`,
    toastApproved: 'Disetujui: saldo pembeli sudah ditambahkan.',
    toastRejected: 'Ditolak: pembeli sudah diberi tahu.',
    toastNotAdmin: 'Hanya admin toko yang bisa memutuskan isi saldo.',
    toastAlreadyDecided: 'Permintaan ini sudah diputuskan; tidak ada perubahan.',
    toastExpired: 'Permintaan ini sudah kedaluwarsa dan tidak bisa disetujui lagi.',
    toastOwnClaim: 'Anda tidak bisa menyetujui isi saldo Anda sendiri.',
    toastMissing: 'Permintaan ini sudah tidak ada.',
    proofWarning:
      '⚠️ <b>Bukti ini sudah dipakai di permintaan lain.</b> Periksa mutasi rekening sebelum menyetujui: satu transfer hanya boleh dikreditkan sekali.',
    proofMatch: (shared, claimId, buyer, standing, earlier) =>
      `• ${shared} sama dengan permintaan ${earlier ? 'sebelumnya' : 'sesudahnya'} <code>${claimId}</code> dari pembeli <code>${buyer}</code>: <b>${standing}</b>`,
    proofShared: { reference: 'Referensi', photo: 'Foto bukti', both: 'Referensi dan foto bukti' },
    standings: {
      pending: 'menunggu',
      approved: 'disetujui',
      rejected: 'ditolak',
      expired: 'kedaluwarsa',
      unknown: 'status tidak diketahui',
    },
    approveAnyway: '⚠️ Tetap setujui',
    toastConfirmNeeded: (button) =>
      `Bukti ini cocok dengan permintaan lain. Periksa bank; untuk tetap mengkreditkannya, tekan “${button}”.`,
    toastMatchesChanged: (button) =>
      `Permintaan lain dengan bukti ini sudah disetujui sejak kartu ini ditampilkan. Periksa kartu yang diperbarui; untuk tetap mengkreditkan yang ini, tekan “${button}” lagi.`,
    buyerApproved: (amount, balance) =>
      `✅ <b>Isi saldo disetujui</b>\n${amount} sudah masuk ke dompet Anda. Saldo: <b>${balance}</b>`,
    buyerRejected: (amount) =>
      `❌ <b>Isi saldo tidak disetujui</b>\nToko tidak dapat memastikan transfer Anda sebesar ${amount}; tidak ada saldo yang ditambahkan. Silakan hubungi toko jika Anda sudah membayar.`,
    openTitle: (count) => `🏦 <b>Permintaan isi saldo menunggu pemeriksaan: ${count}</b>`,
    openNone: '🏦 Tidak ada permintaan isi saldo yang menunggu pemeriksaan.',
  },

  help: {
    text: [
      '❓ <b>Cara membeli</b>',
      '1. Kirim /start lalu pilih kategori, kemudian produk.',
      '2. Ketik nomor HP atau nomor pelanggan yang diminta.',
      '3. Pilih atau ketik nominal, periksa ringkasannya lalu ketuk Konfirmasi.',
      'Struk (PIN, nomor seri, token PLN, tautan voucher) muncul di pesan yang sama begitu penyedia menjawab.',
    ].join('\n'),
    commandsTitle: '<b>Perintah</b>',
  },

  privacy: {
    text: [
      '🔒 <b>Privasi</b>',
      '<b>Yang disimpan toko</b>',
      '• ID pengguna Telegram Anda: dompet dan pesanan Anda dicatat atas ID ini.',
      '• Posisi Anda dalam percakapan ini (layar, pembelian yang sedang Anda buat): dihapus satu jam setelah pesan atau ketukan tombol terakhir Anda. Bahasa yang Anda pilih dengan /lang disimpan selama 400 hari sejak terakhir kali Anda memilihnya.',
      '• Pesanan Anda: produk, nomor HP atau nomor pelanggan yang Anda berikan, nama pemilik akun jika penyedia memberikannya, harga, bahasa Anda dan struk (PIN dan nomor seri; PIN disimpan terenkripsi).',
      '• Dompet Anda: setiap isi saldo dan pembayaran, serta bukti yang Anda kirim untuk transfer bank.',
      '• Untuk PTPTN dan JomPAY, nomor IC atau paspor Anda, disimpan utuh bersama setiap pesanan tersebut dan bersama verifikasi JomPAY. Admin yang memverifikasi Anda melihat nomor lengkapnya; di bagian lain bot hanya menampilkan empat karakter terakhirnya.',
      '',
      '<b>Siapa lagi yang melihatnya</b>',
      '• Penyedia pembayaran: nomor tujuan yang Anda berikan (juga saat dicek sebelum Anda membeli), dan untuk PTPTN atau JomPAY nomor IC atau paspor; tidak pernah nama atau ID Telegram Anda.',
      '• Gateway pembayaran online, saat Anda mengisi saldo secara online: ID pengguna Telegram Anda dan jumlahnya.',
      '• Telegram, yang menyampaikan percakapan ini (termasuk struk dan bukti) dan memproses pembayaran dengan Stars.',
      '• Admin toko: ID Telegram Anda, pesanan, dompet dan bukti yang Anda kirim (salinannya masuk ke chat mereka sendiri), dan untuk JomPAY dokumen yang dipakai untuk memverifikasi Anda.',
      '',
      'Log server toko mencatat ID Telegram Anda bersama pesanan dan isi saldo Anda. Catatan pesanan, dompet dan verifikasi JomPAY adalah pembukuan toko dan disimpan tanpa batas waktu (verifikasi sampai admin mencabutnya).',
    ].join('\n'),
    policyLink: (url) => `Kebijakan privasi lengkap toko: ${url}`,
  },
  language: {
    choose: '🌐 Pilih bahasa Anda:',
  },

  privateOnly: {
    text: '🔒 Saya hanya menerima pesanan lewat obrolan pribadi, supaya nomor dan struk Anda tetap rahasia. Ketuk di bawah untuk mengirim pesan ke saya.',
  },

  access: {
    notAllowed: (userId) =>
      `🔒 <b>Maaf, toko ini hanya melayani pelanggan yang diundang.</b>\nJika Anda mengenal pemiliknya, kirimkan ID pengguna Telegram Anda agar Anda bisa ditambahkan: <code>${userId}</code>`,
    slowDown: '⏳ Anda mengirim pesan terlalu cepat. Tunggu beberapa detik, lalu coba lagi.',
    refusedTitle: '🚫 <b>Pesanan Anda tidak dibuat.</b> Tidak ada biaya yang dikenakan.',
    notAllowedToOrder: 'Toko ini hanya melayani pelanggan yang diundang, dan akun Anda tidak ada di daftar.',
    dailyCountReached: (limit) => `Anda sudah mencapai batas ${limit} pesanan untuk hari ini.`,
    dailyAmountReached: (limit) => `Anda sudah mencapai batas belanja hari ini sebesar <b>${limit}</b>.`,
    dailyAmountLeft: (remaining, limit) =>
      `Pesanan ini melebihi sisa belanja Anda hari ini: tersisa <b>${remaining}</b> dari batas harian <b>${limit}</b>.`,
    chooseSmaller: 'Kembali untuk memilih nominal yang lebih kecil.',
    resetsAt: (when) => `Batas Anda direset pada tengah malam waktu toko (${when}).`,
    orderTooLarge: (limit) => `Satu pesanan di toko ini tidak boleh melebihi <b>${limit}</b>.`,
  },

  admin: {
    failed: (reason) => `⚠️ Tidak berhasil: ${reason}`,
    balanceTitle: '💰 <b>Saldo deposit penyedia</b>',
    readOnly: '⚠️ Kunci API ini hanya bisa membaca: pembayaran akan ditolak.',
    belowThreshold: '⚠️ Di bawah batas peringatan saldo rendah.',
    orderUsage: 'Kirim <code>/order</code> diikuti referensi pesanan, misalnya <code>/order AB12CD34</code>.',
    orderNotFound: (refid) => `Tidak ada pesanan dengan referensi <code>${refid}</code>.`,
    orderTitle: '🧾 <b>Pesanan</b>',
    requeried: '🔄 Baru saja dicek ulang ke penyedia.',
    requeryBusy: 'ℹ️ Pesanan ini sedang dicek ke penyedia saat ini; begini keadaannya tadi.',
    finalNotRequeried: 'ℹ️ Pesanan ini sudah final, jadi tidak dicek ulang.',
    requeryFailed: (reason) => `⚠️ Cek ulang gagal: ${reason}`,
    historyTitle: '<b>Riwayat</b>',
    pinDelivered: 'sudah dikirim ke pembeli (tidak ditampilkan di sini)',
    pendingTitle: (count) => `⏳ <b>Pesanan belum final: ${count}</b> (terlama dulu)`,
    pendingNone: '✅ Semua pesanan sudah final.',
    pendingMore: (count) => `…dan ${count} lagi.`,
    statsTitle: (day) => `📊 <b>Hari ini, ${day}</b> (waktu toko)`,
    statsTruncated: (count) => `Hanya ${count} pesanan pertama hari ini yang dihitung.`,
    costUnknown: (count) =>
      `Penyedia tidak melaporkan modal untuk ${count} pesanan yang berhasil; nilai nominalnya dihitung sebagai modal.`,
    noRate: 'belum ada yang final',
    uncharged: (count) =>
      `${count} pesanan yang berhasil tidak ditagihkan ke pembeli (dihitung 0 dalam penjualan).`,
    labels: {
      account: 'Akun',
      name: 'Nama',
      level: 'Level',
      balance: 'Saldo',
      threshold: 'Peringatan di bawah',
      state: 'Status',
      buyer: 'Pembeli',
      product: 'Produk',
      amount: 'Nominal',
      cost: 'Modal',
      provider: 'Penyedia',
      attempts: 'Panggilan ke penyedia',
      created: 'Dibuat',
      updated: 'Diperbarui',
      reason: 'Alasan',
      providerSaid: 'Kata penyedia',
      serial: 'Nomor seri',
      pin: 'PIN',
      orders: 'Pesanan',
      buyers: 'Pembeli',
      succeeded: 'Berhasil',
      failed: 'Gagal',
      refunded: 'Dikembalikan',
      cancelled: 'Dibatalkan',
      inProgress: 'Sedang diproses',
      needsAttention: 'Perlu perhatian',
      successRate: 'Tingkat keberhasilan',
      volume: 'Penjualan (berhasil)',
      sales: 'Dibayar pembeli',
      margin: 'Margin',
    },
    states: {
      confirmed: 'Dikonfirmasi, belum dikirim',
      submitted: 'Sedang dikirim ke penyedia',
      pending: 'Menunggu penyedia',
      needs_attention: 'Perlu perhatian',
      succeeded: 'Berhasil',
      failed: 'Gagal',
      refunded: 'Dikembalikan',
      rejected: 'Ditolak penyedia',
      cancelled: 'Dibatalkan',
    },
    duration: {
      minutes: (minutes) => `${minutes} menit`,
      hours: (hours, minutes) => `${hours} jam ${minutes} menit`,
      days: (days, hours) => `${days} hari ${hours} jam`,
    },
  },

  alerts: {
    unsellable: (name, code, detail) =>
      `🚫 <b>Produk tidak bisa dijual</b>\n${name} (<code>${code}</code>) ditampilkan ke pembeli sebagai tidak tersedia: daftar harga penyedia tidak terbaca (<i>${detail}</i>).`,
    shopUnavailable: (refid, said) =>
      `⛔ <b>Penyedia menolak toko</b>\nPesanan <code>${refid}</code> gagal karena akun toko sendiri: <i>${said}</i>. Pembeli diberi tahu bahwa layanan sementara tidak tersedia. Periksa /balance dan dasbor penyedia.`,
    soldAtLoss: (refid, product, price, cost) =>
      `📉 <b>Terjual rugi</b>\nPesanan <code>${refid}</code> (${product}): pembeli membayar <b>${price}</b> dan penyedia menagih <b>${cost}</b>. Harga penyedia kemungkinan naik; periksa margin dengan /prices.`,
    notifyFailed: (refid, userId, detail) =>
      `📭 <b>Pembeli tidak bisa diberi tahu</b>\nHasil pesanan <code>${refid}</code> tidak bisa ditampilkan ke pembeli ${userId} (<i>${detail}</i>). Hasilnya ada di /history mereka; lihat <code>/order ${refid}</code>.`,
    starsRefundShort: (userId, amount, balance, stars, topupId) =>
      `⚠️ <b>Stars dikembalikan, saldo tidak ditarik</b>\nTelegram mengembalikan ${stars} Stars ke pembeli <code>${userId}</code> (isi saldo ${topupId}), tetapi saldo dompetnya (${balance}) tidak lagi menutupi kredit ${amount}. Tidak ada yang diambil: dompet tidak berubah. Selesaikan secara manual, misalnya dengan /debit ${userId}.`,
    lowBalance: (balance, threshold) =>
      `🪫 <b>Saldo deposit menipis</b>\nSaldo deposit di penyedia tinggal <b>${balance}</b>, di bawah batas peringatan Anda ${threshold}. Isi deposit sebelum pembayaran mulai gagal.`,
    needsAttention:
      '🕓 <b>Ada pesanan yang perlu perhatian</b>\nPenyedia belum memberi jawaban final dalam waktu yang ditentukan.',
    needsAttentionHint: (refid) => `Periksa dengan <code>/order ${refid}</code>.`,
    needsAttentionPaused: (minutes) =>
      `Banyak pesanan perlu perhatian: peringatan seperti ini dijeda selama ${minutes} menit. Lihat /pending.`,
    moreNeedAttention: (count) => `${count} pesanan lagi perlu perhatian selama peringatan dijeda.`,
    providerErrors: (count, minutes) =>
      `🚨 <b>Galat penyedia</b>\n${count} panggilan ke penyedia gagal dalam ${minutes} menit terakhir.`,
    lastError: (detail) => `Terakhir: <i>${detail}</i>`,
    providerErrorsHint: 'Pesanan tetap tertunda dan akan dicek ulang. Periksa /balance dan log.',
  },

  commands: {
    start: 'Toko: pilih sesuatu untuk dibeli',
    help: 'Cara membeli',
    privacy: 'Yang disimpan toko tentang Anda',
    paysupport: 'Bantuan pembayaran dengan Stars',
    terms: 'Ketentuan pembayaran dengan Stars',
    history: 'Pesanan terbaru Anda',
    lang: 'Ganti bahasa',
    cancel: 'Hentikan pembelian saat ini',
    wallet: 'Dompet Anda: saldo, mutasi dan isi saldo',
    balance: 'Admin: saldo deposit penyedia',
    order: 'Admin: pesanan dan riwayatnya, dicek ulang sekarang',
    pending: 'Admin: pesanan yang belum final',
    stats: 'Admin: pesanan dan penjualan hari ini',
    verify: 'Tandai pembeli terverifikasi untuk JomPAY: /verify ID_PENGGUNA IC_ATAU_PASPOR',
    unverify: 'Cabut verifikasi JomPAY pembeli: /unverify ID_PENGGUNA',
    topups: 'Admin: permintaan isi saldo yang menunggu pemeriksaan',
    reconcile: 'Admin: cocokkan satu hari dengan catatan penyedia',
    export: 'Admin: pesanan atau buku besar sebagai file CSV',
    reported: 'Admin: pesanan yang dilaporkan bermasalah oleh pembeli',
    credit: 'Admin: tambah saldo dompet pembeli (/credit id-pengguna nominal [catatan])',
    debit: 'Admin: potong saldo dompet pembeli (/debit id-pengguna nominal [catatan])',
    audit: 'Admin: cocokkan dompet dengan buku besarnya (/audit [id-pengguna])',
    margin: 'Admin: ubah aturan harga, dengan pratinjau dulu',
    prices: 'Admin: aturan harga',
    adminWallet: 'Dompet Anda; /wallet id-pengguna menampilkan dompet pembeli',
  },

  payins: {
    invoiceTitle: 'Isi saldo dompet',
    invoiceDescription: (amount) =>
      `Saldo ${amount} di dompet toko Anda, untuk pembelian apa pun di bot ini.`,
    invoiceLabel: (amount) => `Isi saldo ${amount}`,
    declinePaid: 'Tagihan ini sudah dibayar, jadi tidak ada lagi yang perlu dibayar.',
    declineExpired: 'Tagihan ini sudah kedaluwarsa. Silakan mulai isi saldo baru di bot.',
    declineChanged: 'Harga tagihan ini sudah berubah. Silakan mulai isi saldo baru di bot.',
    declineNotYours: 'Tagihan ini milik pembeli lain. Silakan mulai isi saldo Anda sendiri di bot.',
    declineUnknown: 'Tagihan ini sudah tidak berlaku. Silakan mulai isi saldo baru di bot.',
    declineUnavailable: 'Toko belum bisa menerima pembayaran ini sekarang. Silakan coba lagi sebentar lagi.',
    paymentUnmatched:
      '⚠️ Pembayaran Anda diterima tetapi tidak cocok dengan isi saldo mana pun. Toko sudah diberi tahu dan akan menambahkan saldo atau mengembalikannya; gunakan /paysupport jika ada pertanyaan.',
    paysupport: (contact) =>
      `<b>Bantuan pembayaran</b>\nUntuk masalah pembayaran atau isi saldo, ${contact ? `hubungi ${contact}` : 'tulis pertanyaan Anda di sini dan admin akan menjawab'}. Sebutkan tanggal dan nominalnya. Jika kami tidak bisa memberikan apa yang Anda bayar, Stars dikembalikan penuh.`,
    terms:
      '<b>Ketentuan</b>\nIsi saldo menambah saldo dompet Anda di toko ini saja; saldo tidak bisa ditarik atau dipindahkan. Pembelian dipenuhi oleh penyedia toko; pembelian yang gagal dikembalikan ke dompet Anda. Pembayaran Stars yang tidak bisa dipenuhi dikembalikan lewat Telegram. Pertanyaan: /paysupport.',
    refundUsage: 'Cara pakai: /refundstars &lt;id tagihan pembayaran telegram&gt;',
    refundDone: (amount, stars, balance) =>
      `✅ ${stars} Stars dikembalikan; ${amount} ditarik dari dompet pembeli (saldo sekarang ${balance}).`,
    refundCompleted: (amount, stars, balance) =>
      `✅ Telegram menyatakan ${stars} Stars itu sudah dikembalikan; pengembalian kini tercatat. ${amount} sudah ditarik dari dompet pembeli satu kali, dan tidak ada lagi yang diambil (saldo sekarang ${balance}).`,
    refundRefused: (reason, amount, balance) =>
      `⚠️ Telegram menolak pengembalian: ${reason}\nTidak ada Stars yang dikembalikan. ${amount} yang ditarik dari dompet pembeli sudah dikembalikan (saldo sekarang ${balance}).`,
    refundUnknown: (reason, amount, stars) =>
      `⚠️ Telegram tidak mengonfirmasi pengembalian (${reason}). ${stars} Stars itu mungkin sudah atau belum dikembalikan; ${amount} tetap ditarik dari dompet pembeli. Kirim /refundstars yang sama lagi: perintah itu menyelesaikan pengembalian tanpa mengambil apa pun lagi, atau mengembalikan saldo jika Telegram menolak.`,
    refundAlreadyDone: (amount, stars) =>
      `Sudah dikembalikan: ${stars} Stars sudah kembali ke pembeli dan ${amount} sudah ditarik dari dompetnya. Tidak ada yang berubah.`,
    refundLegacyReversed: (amount, stars, userId) =>
      `⚠️ Kredit ${amount} dari isi ulang ini sudah ditarik oleh versi bot yang lebih lama, yang tidak mencatat apakah Telegram mengembalikan ${stars} Stars tersebut. Periksa transaksi Star bot di Telegram; jika tidak dikembalikan, kembalikan kredit pembeli ${userId} dengan <code>/credit ${userId} …</code>. Tidak ada yang berubah.`,
    refundShortAlready: (amount, stars, userId) =>
      `⚠️ Telegram sudah mengembalikan ${stars} Stars ini, tetapi kredit ${amount} tidak bisa ditarik: pembeli ${userId} sudah memakainya. Tidak ada yang berubah; selesaikan secara manual.`,
    refundSettledElsewhere: (state) =>
      `⚠️ Pengembalian lain untuk pembayaran ini sudah menyelesaikannya; isi saldonya sekarang ${state}. Tidak ada lagi yang diubah.`,
    refundInsufficient: (balance, amount) =>
      `⚠️ Tidak dikembalikan: pembeli sudah memakai saldo itu (saldo ${balance}, isi saldo ${amount}).`,
    refundUnmatchedDone: (stars) =>
      `✅ ${stars} Stars dikembalikan untuk pembayaran yang tidak pernah dikreditkan.`,
    refundUnmatchedRefused: (reason) =>
      `⚠️ Telegram menolak pengembalian: ${reason}\nTidak ada Stars yang dikembalikan. Pembayaran itu tidak pernah dikreditkan, jadi tidak ada dompet yang berubah.`,
    refundUnmatchedUnknown: (reason) =>
      `⚠️ Telegram tidak mengonfirmasi pengembalian (${reason}). Stars itu mungkin sudah atau belum dikembalikan; pembayaran itu tidak pernah dikreditkan, jadi tidak ada dompet yang berubah. Kirim /refundstars yang sama lagi untuk memastikannya.`,
    refundNotFound: '⚠️ Tidak ada pembayaran Stars dengan ID tagihan itu.',
    refundNotCredited: (state) => `⚠️ Tidak dikembalikan: isi saldo itu ${state}, bukan dikreditkan.`,
    refundedBuyerReversed: (stars, amount, balance) =>
      `↩️ Pembayaran Anda sebesar ${stars} Stars sudah dikembalikan. ${amount} yang ditambahkannya sudah ditarik dari dompet Anda (saldo sekarang ${balance}).`,
    refundedBuyerTakenBefore: (stars, amount, balance) =>
      `↩️ Pembayaran Anda sebesar ${stars} Stars sudah dikembalikan. ${amount} yang ditambahkannya sebelumnya sudah ditarik dari dompet Anda (saldo sekarang ${balance}).`,
    refundedBuyerShort: (stars, amount) =>
      `↩️ Pembayaran Anda sebesar ${stars} Stars sudah dikembalikan. ${amount} yang ditambahkannya sudah terpakai, jadi dompet Anda dibiarkan apa adanya; toko akan menghubungi Anda soal ini.`,
    refundedBuyerUncredited: (stars) =>
      `↩️ Pembayaran Anda sebesar ${stars} Stars sudah dikembalikan. Pembayaran itu tidak pernah ditambahkan ke dompet Anda, jadi dompet Anda tidak berubah.`,
    unmatchedAlert: (method, payerId, amount, reason) =>
      `⚠️ <b>Pembayaran tidak cocok</b> (${method})\nId pembayar: <code>${payerId}</code>\nNominal: ${amount}\nAlasan: ${reason}`,
    billplzMismatchAlert: (topupId, problem) =>
      `⚠️ <b>Tagihan Billplz tidak cocok dengan isi saldonya</b> ${topupId}: ${problem}. Saldo tidak ditambahkan.`,
  },

  toasts: {
    expired: 'Menu ini sudah kedaluwarsa. Kirim /start untuk mulai lagi.',
    notAllowed: 'Maaf, toko ini hanya melayani pelanggan yang diundang.',
    slowDown: 'Terlalu banyak ketukan. Tunggu beberapa detik.',
  },

  plain: {
    shareTitle: (product, amount) => `${product} – ${amount}`,
  },

  dates: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  },

  pricing: {
    title: '🏷 <b>Harga</b>',
    noRules: 'Belum ada aturan harga: pembeli membayar harga penyedia. Atur dengan /margin.',
    marginHeading: '<b>Margin</b> (produk berharga tetap)',
    feeHeading: '<b>Biaya admin</b> (nominal yang diketik dan tagihan, ditambahkan di atasnya)',
    marginSet: 'Margin',
    feeSet: 'Biaya admin',
    scopeDefault: 'Bawaan',
    scopeProduct: (code) => `Produk ${code}`,
    scopeGroup: (name) => `Grup ${name}`,
    scopeCategory: (name) => `Kategori ${name}`,
    rounded: (step) => `dibulatkan ke atas ke ${step}`,
    atCost: 'harga modal',
    change: (before, after) => `${before} → ${after}`,
    previewTitle: (target) => `<b>Perubahan:</b> ${target}`,
    previewSamples: 'Harga sebelum → sesudah:',
    previewNone: 'Tidak ada contoh produk untuk ditampilkan.',
    unknownProduct: (code) =>
      `🚫 Tidak ada produk dengan kode ${code} di katalog saat ini, jadi aturan ini tidak akan menentukan harga apa pun. Tidak ada yang berubah: periksa kodenya lalu jalankan /margin lagi.`,
    similarCodes: (codes) => `Kode yang mirip: ${codes}`,
    unchanged: 'tidak berubah',
    marginOf: (amount) => `margin ${amount}`,
    cleared: 'tanpa aturan sendiri',
    saved: '✅ Aturan harga disimpan.',
    stale:
      'Aturan harga sudah berubah sementara itu (admin lain), jadi tidak ada yang disimpan. Periksa /prices lalu jalankan /margin lagi.',
    currencyMismatch: (rules, shop) =>
      `Aturan harga tersimpan dalam ${rules} tetapi toko berjualan dalam ${shop}. Perbaiki aturannya sebelum mengubahnya.`,
    usage:
      '<b>/margin</b>: atur aturan harga.\n<code>/margin default 5%</code>: 5% untuk semua produk berharga tetap\n<code>/margin default 5% +500 round 100</code>: 5% ditambah Rp500, dibulatkan ke atas ke Rp100\n<code>/margin product D 3%</code>, <code>/margin group Prepaid +200</code>, <code>/margin category "Mobile Reload" 2%</code>\n<code>/margin category Bill fee 2500</code>: biaya admin untuk nominal yang diketik dan tagihan\n<code>/margin product D clear</code>: hapus aturan (tambahkan <code>fee</code> untuk aturan biaya admin)\nAturan yang paling spesifik dipakai: produk, grup, kategori, bawaan. Nominal dalam mata uang toko. Lihat /prices.',
    problems: {
      unknownTarget: (word) => `“${word}” bukan sasaran: gunakan default, product, group atau category.`,
      missingName: (scope) => `${scope} yang mana? Tulis namanya setelah kata ${scope}.`,
      missingRule:
        'Sebutkan aturannya, mis. <code>5%</code>, <code>+500</code>, <code>round 100</code> atau <code>clear</code>.',
      badPercent: (word) =>
        `“${word}” bukan persentase: tulis mis. 5% atau 1.25% (maksimal dua angka desimal).`,
      percentTooLarge: (word) => `${word} lebih dari 100%; hampir pasti salah ketik.`,
      badAmount: (word) => `“${word}” bukan nominal dalam mata uang toko, mis. 500 (rupiah tanpa desimal).`,
      amountTooLarge: (word) => `${word} terlalu besar untuk margin atau langkah pembulatan.`,
      zeroStep: (word) =>
        `Pembulatan ke ${word} tidak ada artinya: berikan langkah lebih dari nol, mis. round 100.`,
      negative: (word) =>
        `${word} bernilai negatif: margin di bawah modal merugi di setiap penjualan, jadi tidak diizinkan.`,
      bareNumber: (word) => `Apakah “${word}” persentase atau nominal? Tulis ${word}% atau +${word}.`,
      repeated: (word) => `“${word}”: setiap bagian aturan hanya boleh muncul sekali.`,
      clearWithRule: '<code>clear</code> menghapus aturan; kirim itu saja, tanpa bagian lain.',
      unknownWord: (word) => `“${word}” tidak dimengerti. Kirim /margin untuk contoh.`,
    },
  },

  books: {
    reportIssueButton: '⚠️ Laporkan masalah',
    reportIssueAccepted: (reference) =>
      `✅ Laporan Anda sudah dikirim ke penyedia, dengan referensi <code>${reference}</code>.\nPenyedia akan memeriksanya. Untuk bantuan terkait pesanan ini sementara itu, kirim /paysupport.`,
    reportIssueRefused: (reference) =>
      `⚠️ Penyedia tidak menerima laporan untuk <code>${reference}</code>.\nUntuk bantuan terkait pesanan ini, kirim /paysupport.`,
    reportIssueEarlier: (answer) => `Pesanan ini sudah dilaporkan.\n${answer}`,
    reportIssueNotPossible: 'Masalah hanya bisa dilaporkan untuk pesanan Anda yang berhasil.',
    reportIssueFailed: 'Laporan tidak bisa dikirim sekarang. Silakan coba lagi beberapa menit lagi.',
    reconcileUsage: '<b>/reconcile</b> [YYYY-MM-DD]: cocokkan satu hari dengan penyedia (bawaan: kemarin).',
    reconcileBusy: 'Replika lain sedang melakukan rekonsiliasi. Coba lagi sebentar lagi.',
    reconcileUnavailable: 'Penyedia ini tidak punya catatan untuk dicocokkan.',
    reportTitle: (provider, day) => `<b>Rekonsiliasi ${day}</b> (${provider})`,
    reportCounts: (orders, transactions) => `Pesanan toko: ${orders}; transaksi penyedia: ${transactions}`,
    reportClean: '✅ Catatan cocok.',
    reportUnknownHeading: '<b>Ada di penyedia, tidak ada di toko:</b>',
    reportUnknownNotListed:
      'Penyedia tidak punya daftar transaksi: transaksi yang hilang dari toko tidak bisa dicari.',
    reportLateRefundsHeading: '<b>Dikembalikan setelah berhasil:</b>',
    reportLateRefund: (refid, price, result) => `<code>${refid}</code> ${price}: ${result}`,
    lateRefundResults: {
      returned: 'dikembalikan ke pembeli sekarang',
      already: 'sudah dikembalikan',
      skipped: 'sibuk, dicoba lagi pada putaran berikutnya',
    },
    reportStatesHeading: '<b>Status tidak cocok:</b>',
    reportStateLine: (refid, shop, provider, kind) =>
      `<code>${refid}</code> toko ${shop}, penyedia ${provider}: ${kind}`,
    stateKinds: {
      'provider-success-shop-failure':
        'penyedia sudah mengirim, pembeli sudah dikembalikan dananya: periksa, jangan tagih lagi',
      'shop-success-provider-failure': 'penyedia bilang gagal: periksa ke penyedia',
      other: 'periksa',
    },
    reportValuesHeading: '<b>Nominal atau produk tidak cocok:</b>',
    reportMissingHeading: '<b>Ada di toko, tidak ada di penyedia:</b>',
    reportBalance: (moved, expected, difference) =>
      `Saldo deposit bergerak ${moved}; modal hari itu ${expected}; selisih ${difference}`,
    exportUsage:
      '<b>/export</b> orders|ledger [dari] [sampai]: file CSV; tanggal dalam format YYYY-MM-DD, bawaan hari ini, maksimal 31 hari.',
    exportCaption: (kind, from, to, rows) => `${kind} ${from} sampai ${to}: ${rows} baris`,
    exportTooLong: 'Maksimal 31 hari sekaligus.',
    reportedTitle: '<b>Pesanan yang dilaporkan (30 hari terakhir)</b>',
    reportedNone: 'Tidak ada pesanan yang dilaporkan.',
  },
  walletAdmin: {
    usageCredit:
      'Kirim <code>/credit &lt;id pengguna&gt; &lt;nominal&gt; [catatan]</code>, misalnya <code>/credit 123456789 10000 bonus</code>.',
    usageDebit:
      'Kirim <code>/debit &lt;id pengguna&gt; &lt;nominal&gt; [catatan]</code>, misalnya <code>/debit 123456789 5000 koreksi</code>.',
    usageWallet:
      'Kirim <code>/wallet &lt;id pengguna&gt; [halaman]</code>, misalnya <code>/wallet 123456789</code>.',
    usageAudit:
      'Kirim <code>/audit</code> untuk semua dompet, atau <code>/audit &lt;id pengguna&gt;</code> untuk satu dompet.',
    badUserId: (word) => `“${word}” bukan ID pengguna Telegram (angka saja, misalnya 123456789).`,
    badPage: (word) => `“${word}” bukan nomor halaman (1, 2, 3…).`,
    aboveAdjustLimit: (word, limit, setting) =>
      `🚫 “${word}” melebihi batas untuk satu /credit atau /debit: <b>${limit}</b>. Tidak ada yang berubah. Jika memang dimaksudkan penyesuaian yang lebih besar, naikkan batasnya dengan ${setting}.`,
    badAmount: (word, why) => `“${word}”: ${why}`,
    walletEmpty: (credit) => `Belum ada catatan. Untuk menambah dana ke dompet ini, kirim ${credit}.`,
    noSuchPage: (page, entries, pages) =>
      `Tidak ada halaman ${page}: dompet ini punya ${entries} catatan dalam ${pages} halaman.`,
    selfCredit: '🚫 Anda tidak bisa menambah saldo dompet Anda sendiri. Minta admin lain.',
    creditTitle: '➕ <b>Tambah saldo dompet pembeli?</b>',
    debitTitle: '➖ <b>Potong saldo dompet pembeli?</b>',
    buyer: (userId) => `Pembeli: <code>${userId}</code>`,
    amount: (amount) => `Nominal: <b>${amount}</b>`,
    note: (note) => `Catatan: <i>${note}</i>`,
    balanceChange: (before, after) => `Saldo: ${before} → <b>${after}</b>`,
    confirmHint: (minutes) =>
      `Tidak ada yang berubah sampai Anda mengetuk Konfirmasi (berlaku ${minutes} menit).`,
    unsettledOrders: (orders) =>
      `⚠️ Masih terbuka untuk pembeli ini: ${orders}. Jika salah satunya gagal, harganya kembali ke dompet dengan sendirinya; kredit untuknya sekarang akan mengembalikannya dua kali.`,
    confirm: '✅ Konfirmasi',
    apply: '✅ Terapkan',
    cancel: '✖️ Batal',
    credited: (amount, userId, adminId, balance) =>
      `✅ <b>Saldo ditambahkan</b> ${amount} ke <code>${userId}</code> oleh <code>${adminId}</code>. Saldo baru: <b>${balance}</b>.`,
    debited: (amount, userId, adminId, balance) =>
      `✅ <b>Saldo dipotong</b> ${amount} dari <code>${userId}</code> oleh <code>${adminId}</code>. Saldo baru: <b>${balance}</b>.`,
    insufficient: (userId, balance, amount) =>
      `🚫 <b>Tidak dipotong.</b> Dompet <code>${userId}</code> hanya berisi ${balance}, kurang dari ${amount}. Tidak ada yang berubah.`,
    cancelled: '✖️ Dibatalkan. Tidak ada yang berubah.',
    buyerNotTold:
      '⚠️ Pembeli belum bisa diberi tahu: bot akan mencoba lagi (kecuali mereka belum pernah membuka obrolan dengan bot).',
    buyerCredited: (amount, balance) =>
      `➕ <b>${amount}</b> ditambahkan ke dompet Anda oleh toko.\nSaldo: <b>${balance}</b>`,
    buyerDebited: (amount, balance) =>
      `➖ <b>${amount}</b> dipotong dari dompet Anda oleh toko.\nSaldo: <b>${balance}</b>`,
    buyerNote: (note) => `Catatan: <i>${note}</i>`,
    walletTitle: (userId) => `👛 <b>Dompet <code>${userId}</code></b>`,
    auditOk: (userId, balance, entries) =>
      `✅ Dompet <code>${userId}</code> konsisten: ${balance}, ${entries} catatan.`,
    auditProblems: (userId, count) => `⚠️ Dompet <code>${userId}</code> punya ${count} masalah:`,
    auditAllTitle: (wallets, ok, problems) =>
      `🧮 <b>Audit ${wallets} dompet</b>\nKonsisten: <b>${ok}</b> · Bermasalah: <b>${problems}</b>`,
    auditNone: 'Belum ada pembeli yang punya dompet: tidak ada yang perlu diaudit.',
    auditMore: (count) => `…dan ${count} lagi.`,
    auditPartial: (audited, total) => `Hanya ${audited} dari ${total} dompet pertama yang diaudit.`,
    pricingHint: (minutes) =>
      `Tidak ada yang berubah sampai Anda mengetuk Terapkan (berlaku ${minutes} menit).`,
    pricingCancelled: '✖️ Dibatalkan. Aturan harga tidak diubah.',
    toasts: {
      done: 'Selesai.',
      alreadyApplied: 'Sudah diterapkan: tidak ada yang berubah.',
      cancelled: 'Dibatalkan.',
      alreadyCancelled: 'Ini sudah dibatalkan: tidak ada yang berubah.',
      refused: 'Ditolak: lihat pesannya.',
      stale: 'Aturan harga sudah berubah sementara itu: jalankan /margin lagi.',
      expired: 'Ini sudah kedaluwarsa atau tidak ada lagi. Jalankan perintahnya lagi.',
      notAdmin: 'Hanya admin toko yang bisa memakai tombol ini.',
      busy: 'Sedang diproses; coba lagi sebentar.',
      failed: 'Tidak berhasil. Coba lagi.',
    },
  },
};
