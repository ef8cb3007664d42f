/**
 * Indonesian copy, the till's default language. The shape of this object is
 * the catalogue: `en.ts` must have exactly the same keys (the type below and a
 * unit test both check it). Money stays `formatRupiah`; times go through
 * `useFormatters()`.
 */
export const id = {
  app: {
    notResponding: 'Kasir tidak merespons. Silakan coba lagi.',
  },
  tab: {
    till: 'Kasir',
    history: 'Pembayaran',
    today: 'Hari ini',
    settings: 'Pengaturan',
  },
  gateway: {
    emulator: 'Emulator (bukan uang sungguhan)',
    sandbox: 'Sandbox',
    production: 'Produksi',
  },
  language: {
    switcher: 'Bahasa',
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  method: {
    qris: 'QRIS',
    gopay: 'GoPay',
    shopeepay: 'ShopeePay',
    dana: 'DANA',
    va_bca: 'Virtual Account BCA',
    va_bni: 'Virtual Account BNI',
    va_bri: 'Virtual Account BRI',
    va_permata: 'Virtual Account Permata',
    va_cimb: 'Virtual Account CIMB',
    mandiri_bill: 'Mandiri Bill',
    indomaret: 'Indomaret',
    alfamart: 'Alfamart',
    cash: 'Tunai',
  },
  status: {
    creating: 'Membuat tagihan…',
    pending: 'Menunggu pembayaran',
    settlement: 'Lunas',
    capture: 'Lunas',
    refund: 'Dana dikembalikan',
    partial_refund: 'Dikembalikan sebagian',
    expire: 'Kedaluwarsa',
    cancel: 'Dibatalkan',
    deny: 'Ditolak',
    failure: 'Gagal',
    failed_to_create: 'Gagal dibuat',
  },
  source: {
    charge: 'balasan gateway',
    webhook: 'notifikasi Midtrans',
    poll: 'pengecekan status',
    recovery: 'pemulihan saat mulai',
    manual: 'kasir',
  },
  cart: {
    title: 'Penjualan saat ini',
    empty: 'Ketuk produk untuk memulai penjualan.',
    less: 'Kurangi {{name}}',
    more: 'Tambah {{name}}',
    total: 'Total',
    method: 'Metode pembayaran',
    charging: 'Menagih…',
    charge: 'Tagih {{amount}}',
  },
  payment: {
    validUntil: 'Berlaku sampai {{time}} {{zone}}',
    confirmedBy: 'Dikonfirmasi oleh {{source}}',
    cancel: 'Batalkan pembayaran',
    newSale: 'Transaksi baru',
  },
  pay: {
    qrAlt: 'Kode QRIS untuk dipindai',
    qr: 'Pindai dengan aplikasi QRIS apa pun (GoPay, OVO, DANA, ShopeePay, mobile banking).',
    deeplink: 'Pelanggan menyetujui pembayaran di aplikasi e-wallet-nya.',
    va: 'Transfer ke virtual account {{bank}}',
    billerCode: 'Mandiri Bill — kode perusahaan (biller code)',
    billKey: 'Kode bayar (bill key)',
    paycode: 'Kode bayar di {{store}}',
    cash: 'Uang tunai diterima.',
  },
  history: {
    title: 'Pembayaran terbaru',
    time: 'Waktu',
    order: 'Pesanan',
    method: 'Metode',
    amount: 'Jumlah',
    status: 'Status',
    refund: 'Kembalikan dana',
  },
  settings: {
    title: 'Kunci Midtrans',
    intro: 'Disimpan di keychain komputer ini. Kasir tidak pernah menampilkan kunci yang sudah disimpan.',
    environment: 'Lingkungan',
    sandbox: 'Sandbox',
    production: 'Produksi',
    configured: 'Tersimpan',
    configuredHint: 'Tersimpan ({{hint}})',
    notSet: 'Belum diatur',
    save: 'Simpan',
    secret: {
      coreServerKey: 'Server key Core API',
      coreClientKey: 'Client key Core API',
      snapClientId: 'Client ID SNAP-BI',
      snapClientSecret: 'Client secret SNAP-BI',
      snapPartnerId: 'Partner ID SNAP-BI',
      snapChannelId: 'Channel ID SNAP-BI',
      snapPrivateKey: 'Private key merchant SNAP-BI (PEM)',
      snapNotificationPublicKey: 'Public key notifikasi Midtrans (PEM)',
    },
  },
} as const;

/** Same tree as `id`, every leaf a string: the type every language must satisfy. */
export type Messages = { readonly [K in keyof typeof id]: Strings<(typeof id)[K]> };

type Strings<T> = T extends string ? string : { readonly [K in keyof T]: Strings<T[K]> };
