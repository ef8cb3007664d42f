/**
 * Indonesian words for the counter's scanner, keyboard shortcuts and product
 * barcodes (issue 11); spread into `id.ts`, mirrored by `en-counter.ts`.
 */
export const idCounter = {
  /** What a barcode scan did, over the till. */
  scan: {
    added: '{{name}} ditambahkan',
    unknown: 'Kode {{code}} tidak dikenal — tidak ada yang ditambahkan',
    unknownHint: 'Periksa barcode produk di tab Produk, atau cari dengan nama.',
    payment: 'Selesaikan pembayaran dulu',
    paymentHint: 'Scan {{code}} tidak ditambahkan: ada pembayaran di layar. Selesaikan atau batalkan dulu.',
    locked: 'Keranjang terkunci — {{code}} tidak ditambahkan',
    lockedHint: 'Penjualan ini sudah dibayar sebagian. Mulai transaksi baru untuk barang lain.',
    dismiss: 'Tutup',
  },
  /** The F-key shortcuts and their help overlay (F1). */
  shortcuts: {
    title: 'Tombol pintas',
    open: 'F1 Bantuan',
    openLabel: 'Tampilkan tombol pintas (F1)',
    close: 'Tutup',
    intro: 'Seluruh penjualan bisa tanpa mouse: scan atau cari barang, F4 tunai, ketik uang diterima, Enter, lalu Enter untuk transaksi baru.',
    scanner: 'Scanner barcode',
    scannerHint: 'Scan kapan saja, apa pun yang sedang aktif: barang masuk ke keranjang. Kode yang tidak dikenal berbunyi dan tidak menambahkan apa pun.',
    arrows: '↑ / ↓',
    arrowsHint: 'Pilih hasil pencarian; Enter menambahkan yang dipilih.',
    searchPlaceholder: 'Cari nama, SKU atau barcode (F2) · ↑↓ pilih · Enter tambah',
    key: {
      Escape: 'Esc',
    },
    action: {
      help: 'Bantuan (daftar ini)',
      search: 'Cari produk',
      cash: 'Bayar tunai',
      qris: 'Bayar QRIS',
      cashReceived: 'Isi uang diterima',
      charge: 'Tagih / terima pembayaran',
      void: 'Batalkan penjualan',
      newSale: 'Transaksi baru',
      back: 'Kembali / batalkan pembayaran yang menunggu',
    },
  },
  /** The product editor's barcode field. */
  barcode: {
    label: 'Barcode',
    placeholder: 'Scan atau ketik (boleh kosong)',
    hint: 'Scan barcode kemasan di sini. Satu barcode hanya untuk satu produk.',
    none: '—',
  },
} as const;
