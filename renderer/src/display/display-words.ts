/**
 * The customer display's words. Indonesian: it faces the shop's customers,
 * and has no way to ask main for the cashier's language (it cannot invoke).
 */
export const displayWords = {
  welcome: 'Selamat datang',
  total: 'Total',
  paid: 'Sudah dibayar',
  due: 'Sisa tagihan',
  scan: 'Pindai QR ini dengan aplikasi pembayaran Anda',
  amount: 'Jumlah',
  va: (bank: string) => `Transfer ke Virtual Account ${bank}`,
  billerCode: 'Kode perusahaan',
  billKey: 'Kode bayar',
  paycode: (store: string) => `Bayar di kasir ${store} dengan kode`,
  wait: 'Ikuti petunjuk kasir',
  lunas: 'Lunas — terima kasih',
  change: 'Kembalian',
  demo: 'DEMO — bukan uang sungguhan',
  qrAlt: 'Kode QR pembayaran',
} as const;
