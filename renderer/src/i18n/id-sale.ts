/**
 * Indonesian copy for the sale main owns (issue 10): the priced basket,
 * discounts, cash with change, split tenders, voids, the paid receipt and
 * sale history. Spread into `id.ts`; `en-sale.ts` has the same shape.
 */
export const idSale = {
  /** The basket. */
  sale: {
    remove: 'Hapus {{name}}',
    removeShort: 'Hapus',
    back: 'Batal',
    toSale: 'Ubah penjualan',
    locked: 'Sudah ada pembayaran: isi penjualan tidak bisa diubah lagi.',
  },
  saleStatus: {
    open: 'Terbuka',
    paid: 'Lunas',
    voided: 'Dibatalkan',
  },
  /** Main's quote under the lines. */
  quote: {
    subtotal: 'Subtotal',
    itemDiscounts: 'Diskon item',
    lineDiscount: 'Diskon {{reason}} {{rate}}',
    discount: 'Diskon {{reason}} {{rate}}',
    service: 'Layanan {{rate}}',
    pb1: 'PB1 {{rate}}',
    ppn: 'PPN {{rate}}',
    ppnLuxury: 'PPN {{rate}} barang mewah',
    taxIncluded: 'termasuk {{name}}',
    rounding: 'Pembulatan tunai',
    cashDue: 'Bayar tunai',
  },
  discount: {
    add: 'Diskon',
    change: 'Ubah diskon',
    forLine: 'Diskon untuk {{name}}',
    addSale: '+ Diskon penjualan',
    changeSale: 'Ubah diskon penjualan',
    lineTitle: 'Diskon {{name}}',
    saleTitle: 'Diskon penjualan',
    kind: 'Jenis diskon',
    percent: 'Persen',
    amount: 'Rupiah',
    percentPlaceholder: 'mis. 10 atau 12,5',
    amountPlaceholder: 'mis. 5.000',
    percentInvalid: 'Masukkan persen 0,01–100, paling banyak dua desimal, mis. 10 atau 12,5.',
    amountInvalid: 'Masukkan rupiah bulat minimal 1, mis. 5.000.',
    reason: 'Alasan',
    reasonPlaceholder: 'mis. Promo, Member',
    reasonInvalid: 'Tulis alasannya (paling banyak 100 huruf).',
    apply: 'Terapkan',
    remove: 'Hapus diskon',
    cancel: 'Batal',
  },
  /** Taking cash. */
  cash: {
    due: 'Harus dibayar tunai',
    rounded: 'Total {{exact}}, pembulatan {{rounding}}',
    quickNotes: 'Uang pas dan pecahan',
    exact: 'Uang pas',
    received: 'Uang diterima (kosong = uang pas)',
    invalid: 'Masukkan rupiah bulat, mis. 50.000.',
    change: 'Kembali',
    short: 'Kurang',
    partNote: 'Uang kurang dari tagihan: diterima sebagai bayar sebagian, sisanya dengan metode lain.',
    confirm: 'Terima {{amount}}',
    confirmPart: 'Terima sebagian {{amount}}',
  },
  /** A sale paid by several tenders. */
  split: {
    partPay: 'Bayar sebagian',
    partTitle: 'Bayar sebagian dengan {{method}}',
    partAmount: 'Jumlah (sisa {{remaining}})',
    partPlaceholder: 'mis. 50.000',
    partInvalid: 'Masukkan rupiah bulat antara Rp 1 dan {{max}}.',
    partConfirm: 'Tagih {{amount}} dengan {{method}}',
    chargeRest: 'Tagih sisa {{amount}}',
    paid: 'Sudah dibayar',
    pending: 'Menunggu',
    remaining: 'Sisa',
    tenderOf: 'Pembayaran ke-{{seq}} dari total {{total}}',
    failedHint: 'Penjualan masih terbuka: pilih metode lain untuk sisanya.',
    retry: 'Pilih metode lain',
  },
  voidSale: {
    open: 'Batalkan penjualan…',
    title: 'Penjualan dibatalkan',
    reason: 'Alasan pembatalan',
    reasonPlaceholder: 'mis. pelanggan batal',
    reasonMissing: 'Tulis alasan pembatalan.',
    explain: 'Tagihan yang masih menunggu dibatalkan; yang sudah dibayar dikembalikan. Perlu persetujuan pemilik.',
    confirm: 'Ya, batalkan penjualan',
    reasonShown: 'Alasan: {{reason}}',
    cashBack: 'Kembalikan {{amount}} tunai ke pelanggan.',
    refunded: '{{amount}} dikembalikan lewat {{method}}.',
  },
  /** The paid screen. */
  paid: {
    receiptNo: 'No. struk {{no}}',
    change: 'Kembali {{amount}}',
    rounded: 'Dibayar tunai {{amount}} (pembulatan {{rounding}})',
    receiptLoading: 'Menyiapkan struk…',
    receiptLabel: 'Struk {{no}}',
    printedCopy: 'Salinan struk terkirim ke printer.',
  },
  /** The Payments tab, by sale. */
  saleHistory: {
    title: 'Penjualan terbaru',
    empty: 'Belum ada penjualan.',
    receiptNo: 'No. struk',
    open: 'Lihat',
    close: 'Tutup',
    loading: 'Memuat…',
    tenders: 'Pembayaran',
    noTenders: 'Belum ada pembayaran.',
    cashChange: 'diterima {{received}}, kembali {{change}}',
    drawerRefunded: 'Dikembalikan dari laci {{amount}}',
    print: 'Cetak salinan',
  },
  /** Category tabs over the product grid (names are the merchant's own). */
  categoryTabs: {
    label: 'Kategori produk',
    all: 'Semua',
  },
  /** The cart's own controls (issue 11). */
  cartTools: {
    clear: 'Kosongkan',
    clearLabel: 'Kosongkan penjualan (hapus semua item)',
    confirmClear: 'Ya, hapus semua',
    lines_one: '{{count}} item',
    lines_other: '{{count}} item',
  },
  /** Payment methods as buttons under the total; a method the till cannot use now says why. */
  methodPad: {
    label: 'Metode pembayaran',
    others: 'Metode lain',
    offline: 'Tidak tersambung',
    notConfigured: 'Belum diatur',
    redirectOnly: 'Hanya lewat tautan — pakai QRIS',
  },
  /** A tender that is taking long, or one the cashier leaves. */
  tenderWait: {
    slow: 'Midtrans belum menjawab. Berhenti menunggu untuk memakai metode lain; tagihan ini diselesaikan di latar belakang dan tidak ditagih dua kali.',
    stopWaiting: 'Berhenti menunggu',
    switchMethod: 'Ganti metode',
    payCash: 'Bayar tunai',
    newCustomer: 'Transaksi baru',
    cancelling: 'membatalkan…',
    abandoned: 'ditinggalkan',
    leaveHint: 'Pelanggan tidak jadi membayar dengan cara ini? Ganti metode atau bayar tunai — penjualan tetap tersimpan.',
  },
  /** The time left to pay an electronic tender. */
  countdown: {
    left: 'Sisa waktu {{left}}',
    until: 'Berlaku sampai {{time}} {{zone}}',
    untilDate: 'Berlaku sampai {{date}} pukul {{time}} {{zone}}',
    over: 'Waktu bayar habis',
  },
  /** Copying a VA number, bill key or pay code. */
  copyCode: {
    copy: 'Salin',
    copyLabel: 'Salin {{what}}',
    copied: 'Tersalin',
    failed: 'Gagal menyalin',
  },
  /** The paid panel, read from across the counter. */
  paidPanel: {
    tickLabel: 'Pembayaran diterima',
  },
  /** A refund asked for and not yet confirmed by Midtrans. */
  refundState: {
    queued: 'diajukan, belum diproses',
  },
  /** Midtrans' reachability, in the top bar. */
  connection: {
    online: 'Midtrans tersambung',
    offline: 'Midtrans tidak tersambung',
    offlineSince: 'Midtrans tidak tersambung sejak {{time}}',
    unknown: 'Memeriksa Midtrans…',
    cashWorks: 'Tunai tetap bisa dipakai.',
  },
  /** A tender the cashier left that the customer paid anyway: the owner decides. */
  latePaid: {
    title: 'Pembayaran masuk setelah ditinggalkan',
    intro: 'Pelanggan tetap membayar tagihan yang sudah ditinggalkan. Pemilik memutuskan: simpan untuk penjualannya, atau kembalikan ke pelanggan.',
    row: '{{method}} {{amount}}',
    sale: 'Penjualan {{sale}}',
    paidAt: 'dibayar {{time}}',
    keep: 'Simpan untuk penjualan',
    keepSettled: 'Simpan; kembalikan {{amount}} tunai dari laci',
    refund: 'Kembalikan ke pelanggan',
    later: 'Nanti saja',
    working: 'Memproses…',
  },
} as const;
