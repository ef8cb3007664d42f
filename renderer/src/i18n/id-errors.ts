/**
 * Indonesian copy for errors and notices (components/error-text.ts words them):
 * one headline per contract ErrorCode, the specific text per code and variant
 * (`errorDetail.<CODE>.<variant>`, the variants of
 * shared/contract/error-vocabulary.ts), and the notices main pushes
 * (`notice.<code>`). Kept beside `id.ts` (which spreads it in); `en-errors.ts`
 * has the same shape. Placeholders are params: rupiah and labels arrive
 * already formatted.
 */
export const idErrors = {
  /** One headline per contract ErrorCode. */
  error: {
    UNKNOWN_CHANNEL: 'Permintaan ini tidak dikenal Kasir. Tutup lalu buka lagi aplikasinya.',
    INVALID_INPUT: 'Data yang dimasukkan tidak valid. Periksa lagi.',
    INTERNAL: 'Terjadi kesalahan di Kasir. Silakan coba lagi.',
    FORBIDDEN: 'Tindakan ini tidak diizinkan.',
    NOT_FOUND: 'Data yang dicari tidak ditemukan.',
    CONFLICT: 'Belum bisa sekarang: ada proses lain yang berjalan, atau sudah dilakukan sebelumnya.',
    GATEWAY_AUTH: 'Kunci Midtrans salah atau tidak berlaku. Periksa kunci di Pengaturan.',
    GATEWAY_UNAVAILABLE: 'Midtrans tidak dapat dihubungi.',
    GATEWAY_REJECTED: 'Midtrans menolak permintaan ini.',
    DUPLICATE_ORDER: 'Nomor pesanan ini sudah ada di Midtrans.',
    AMOUNT_INVALID: 'Jumlah tidak valid atau melebihi batas yang diizinkan.',
    ILLEGAL_TRANSITION: 'Tidak bisa dilakukan untuk status pembayaran ini.',
    NOT_CONFIGURED: 'Midtrans belum diatur. Masukkan kunci Midtrans di Pengaturan.',
    OPEN_PAYMENTS: 'Masih ada pembayaran yang menunggu. Selesaikan atau batalkan dulu, atau tetap tutup hari.',
    PRINTER_UNAVAILABLE: 'Printer struk tidak bisa dipakai. Periksa daya, kertas dan sambungannya.',
    PIN_REQUIRED: 'Perlu persetujuan pemilik: masukkan PIN pemilik.',
    PIN_INVALID: 'PIN salah.',
    PIN_WEAK: 'PIN ini terlalu mudah ditebak atau tidak sesuai aturan PIN.',
    LOCKED: 'Terlalu banyak PIN salah.',
    OWNER_REQUIRED: 'Buat akun pemilik terlebih dahulu.',
    SIGN_IN_REQUIRED: 'Masuk dulu sebagai kasir atau pemilik.',
    RECOVERY_CODE_INVALID: 'Kode pemulihan salah.',
    STORAGE_FULL: 'Disk till penuh, jadi Kasir tidak bisa menyimpan ini. Kosongkan sebagian ruang disk, lalu coba lagi.',
    STORAGE_READ_ONLY: 'Kasir tidak bisa menulis ke buku besarnya (file, folder atau disk hanya-baca). Tidak ada yang tersimpan. Minta pemilik memperbaikinya, lalu mulai ulang Kasir.',
    BACKUP_FAILED: 'Cadangan buku besar tidak berhasil dibuat.',
  },
  /** The specifics of an error, per code and variant. */
  errorDetail: {
    INVALID_INPUT: {
      invalid_type: 'Isian ini tidak berisi jenis data yang diharapkan.',
      too_big: 'Nilainya terlalu besar atau terlalu panjang (maksimal {{maximum}}).',
      too_small: 'Nilainya terlalu kecil atau terlalu pendek (minimal {{minimum}}).',
      invalid_format: 'Formatnya tidak sesuai.',
      not_multiple_of: 'Nilainya harus kelipatan {{divisor}}.',
      unrecognized_keys: 'Permintaan berisi isian yang tidak dikenal Kasir.',
      invalid_union: 'Nilainya tidak cocok dengan bentuk mana pun yang diizinkan.',
      invalid_key: 'Ada kunci data yang tidak valid.',
      invalid_element: 'Ada isi daftar yang tidak valid.',
      invalid_value: 'Pilihan ini tidak dikenal Kasir.',
      custom: 'Nilainya tidak diterima.',
      cart_empty: 'Keranjang masih kosong.',
      day_invalid: 'Tanggal {{day}} tidak ada.',
      day_in_future: 'Hari {{day}} belum dimulai (hari ini {{today}}). Hanya hari ini atau hari sebelumnya yang bisa ditutup.',
      name_invalid: 'Nama harus {{minimum}}–{{maximum}} karakter, tanpa karakter kontrol.',
      secret_unknown: 'Kunci ini tidak dikenal Kasir.',
      secret_empty: 'Kunci tidak boleh kosong.',
      secret_too_long: 'Kunci terlalu panjang (maksimal {{maximum}} karakter).',
      secret_has_spaces: 'Kunci tidak boleh berisi spasi atau karakter kontrol.',
      secret_channel_id: 'Channel ID terdiri dari 5 angka.',
      secret_pem: 'Harus berupa kunci RSA dalam format PEM, minimal 2048 bit.',
      sale_empty: 'Penjualan ini belum berisi barang.',
      sale_invalid: 'Penjualan ini tidak bisa dihitung seperti dimasukkan (diskon lebih besar dari yang didiskon, atau total di atas batas kasir).',
      cash_not_received: 'Masukkan uang tunai yang diterima (lebih dari Rp 0).',
    },
    INTERNAL: {
      keychain: 'Keychain sistem tidak bisa dipakai. Pastikan keychain sudah dibuka (unlocked).',
    },
    FORBIDDEN: {
      not_owner: 'Hanya pemilik yang bisa menyetujui ini.',
      staff_inactive: 'Akun staf ini sudah dinonaktifkan.',
    },
    NOT_FOUND: {
      payment: 'Pembayaran {{id}} tidak ada di Kasir.',
      order: 'Pesanan {{id}} tidak ada di Kasir.',
      product: 'Tidak ada produk dengan SKU {{sku}}.',
      staff: 'Staf ini tidak ditemukan.',
      transaction: 'Midtrans tidak mengenal transaksi ini.',
      sale: 'Kasir tidak punya penjualan {{id}}.',
      tender: 'Pembayaran {{id}} bukan bagian dari penjualan ini.',
    },
    CONFLICT: {
      already_closed: 'Hari {{day}} sudah ditutup pukul {{closedAt}}. Hari yang sudah ditutup tidak bisa ditutup lagi.',
      still_creating: 'Tagihan masih dibuat. Coba lagi sebentar lagi.',
      in_progress: 'Ada tindakan lain untuk pembayaran ini yang sedang berjalan.',
      recovering: 'Pesanan ini masih dicocokkan dengan Midtrans. Tunggu sebelum menagihnya lagi.',
      order_active: 'Pesanan ini sudah punya pembayaran ({{status}}).',
      refund_went_through: 'Pengembalian sebelumnya sebesar {{amount}} sudah berhasil. Periksa pembayarannya sebelum mengembalikan lagi.',
      sku_exists: 'Sudah ada produk dengan SKU {{sku}}.',
      barcode_exists: 'Barcode {{barcode}} sudah dipakai {{name}} ({{sku}}). Satu barcode hanya untuk satu produk.',
      catalog_changed: 'Katalog berubah (harga atau nama produk). Keranjang sudah diperbarui; periksa lalu tagih lagi.',
      owner_exists: 'Akun pemilik sudah ada.',
      owner_protected: 'Akun pemilik tidak bisa dinonaktifkan.',
      sale_tendered: 'Barang dan diskon terkunci: penjualan ini sudah punya pembayaran. Batalkan pembayaran yang masih menunggu untuk mengubahnya.',
      tender_open: 'Masih ada pembayaran {{method}} yang menunggu. Selesaikan atau batalkan dulu.',
      sale_closed: 'Penjualan ini sudah selesai (lunas atau dibatalkan).',
      nothing_due: 'Tidak ada lagi yang perlu dibayar untuk penjualan ini.',
    },
    GATEWAY_AUTH: {
      account_deactivated: 'Akun merchant Midtrans ini dinonaktifkan. Hubungi Midtrans.',
    },
    GATEWAY_UNAVAILABLE: {
      not_sent: 'Permintaan tidak sampai ke Midtrans: tidak ada tagihan atau perubahan yang dibuat. Aman untuk dicoba lagi.',
      maybe_processed:
        'Midtrans mungkin sudah memprosesnya: tagihan atau pengembalian dana bisa saja sudah ada. Kasir memeriksanya otomatis — jangan ulangi dulu.',
    },
    GATEWAY_REJECTED: {
      method_not_activated: 'Metode pembayaran ini belum diaktifkan untuk akun merchant di Midtrans.',
      wrong_api: 'Metode ini tidak tersedia lewat API Midtrans yang dipilih untuknya. Periksa pengaturan routing.',
    },
    AMOUNT_INVALID: {
      method_limit: '{{method}} menerima {{min}} – {{max}} per transaksi; penjualan ini {{amount}}.',
      method_minimum: '{{method}} menerima minimal {{min}} per transaksi; penjualan ini {{amount}}.',
      refund_range: 'Jumlah pengembalian harus antara {{min}} dan {{max}}.',
      item_invalid: 'Harga atau jumlah barang {{sku}} tidak valid.',
      total_too_large: 'Totalnya terlalu besar.',
      total_not_positive: 'Total harus rupiah bulat lebih dari nol.',
      split_needed: '{{method}} menerima paling banyak {{max}} per pembayaran; bagian ini {{amount}}. Bagi pembayarannya (misalnya sebagian tunai).',
      tender_range: 'Jumlah pembayaran harus antara {{min}} dan {{max}} (sisa yang belum dibayar).',
    },
    ILLEGAL_TRANSITION: {
      not_cancellable: 'Pembayaran berstatus “{{status}}” tidak bisa dibatalkan.',
      not_refundable: 'Pembayaran {{method}} berstatus “{{status}}” tidak bisa dikembalikan.',
      method_not_refundable: 'Pembayaran {{method}} tidak bisa dikembalikan lewat Midtrans; kembalikan uangnya langsung ke pelanggan.',
      not_paid: 'Pembayaran ini belum lunas (“{{status}}”), jadi belum ada struk untuk dicetak.',
      gateway_state: 'Midtrans tidak mengizinkan tindakan ini pada status transaksi saat ini.',
      sale_not_paid: 'Penjualan ini belum lunas.',
      refund_via_midtrans: 'Pembayaran {{method}} dikembalikan lewat Midtrans (Refund), bukan dari laci kas.',
    },
    NOT_CONFIGURED: {
      gateway_keys: 'Kunci Midtrans untuk till ini belum diatur. Pembayaran tunai tetap bisa.',
      core_api_keys: 'Server key Core API belum diatur.',
      snap_bi_keys: 'Kunci SNAP-BI belum diatur.',
      method_route: 'Belum ada gateway untuk {{method}}.',
    },
    OPEN_PAYMENTS: {
      waiting: '{{count}} pembayaran masih menunggu ({{total}}).',
    },
    PRINTER_UNAVAILABLE: {
      not_set_up: 'Belum ada printer struk untuk till ini (settings.json, "printer").',
      no_answer: 'Printer di {{target}} tidak menjawab dalam {{seconds}} detik. Pastikan printer menyala dan tersambung ke jaringan toko.',
      unconfirmed:
        'Printer di {{target}} menerima struk tetapi tidak mengonfirmasi dalam {{seconds}} detik. Periksa apakah struk sudah tercetak sebelum mencetak lagi.',
      closed: 'Printer di {{target}} menutup sambungan.',
      offline: 'Printer di {{target}} sedang offline (sambungan ditolak). Pastikan printer menyala.',
      unreachable: 'Printer di {{target}} tidak bisa dijangkau. Periksa kabel jaringan atau Wi-Fi-nya.',
      dropped: 'Printer di {{target}} memutus sambungan saat mencetak. Periksa kertas dan tutupnya, lalu cetak lagi.',
      refused: 'Printer di {{target}} menolak sambungan. Pastikan tidak ada till lain yang sedang mencetak ke printer itu.',
      failed: 'Printer di {{target}} tidak bisa dipakai ({{errno}}).',
      not_connected: 'Tidak ada printer struk yang tersambung di {{target}}. Periksa kabel USB dan dayanya.',
      no_access: 'Kasir tidak diizinkan menulis ke {{target}}. Beri pengguna ini akses ke printer (mis. grup lp).',
      busy: 'Printer di {{target}} sedang sibuk. Coba lagi sebentar lagi.',
      not_taken: 'Printer di {{target}} tidak menerima struk dalam {{seconds}} detik. Periksa kertas dan tutupnya.',
    },
    PIN_INVALID: {
      wait: 'Coba lagi dalam {{retryAfterSeconds}} detik.',
      attempts_left: 'Sisa {{attemptsLeft}} kali percobaan sebelum akun terkunci.',
    },
    PIN_WEAK: {
      digits_only: 'PIN hanya berisi angka.',
      too_short: 'PIN terlalu pendek: pemilik minimal 6 angka, kasir minimal 4.',
      too_long: 'PIN paling banyak 12 angka.',
      repeated: 'PIN ini mengulang angka yang sama; pilih yang tidak mudah ditebak.',
      sequence: 'PIN ini berupa urutan angka; pilih yang tidak mudah ditebak.',
      common: 'PIN ini termasuk yang paling sering ditebak; pilih yang lain.',
    },
    LOCKED: {
      retry_later: 'Coba lagi dalam {{retryAfterSeconds}} detik.',
      until_unlocked: 'Akun ini terkunci. Pemilik bisa membukanya; pemilik sendiri memakai kode pemulihan.',
    },
    BACKUP_FAILED: {
      folder_missing: 'Folder cadangan {{dir}} tidak ada (disk cadangan dicabut?). Pasang disknya atau ubah "backup.dir" di settings.json.',
      disk_full: 'Disk cadangan penuh. Kosongkan ruang atau kurangi "backup.keep".',
      write_failed: 'File cadangan tidak bisa ditulis ke {{dir}}.',
      verify_failed: 'File cadangan tidak lolos pemeriksaan dan sudah dibuang. Coba lagi.',
    },
  },
  errorNote: {
    /** Midtrans' own message, quoted as such (it is in Midtrans' language). */
    midtransSaid: 'Pesan Midtrans: “{{gatewayMessage}}”',
  },
  /** What the till tells the cashier unasked (`app.notice`). */
  notice: {
    keys_not_configured: 'Kunci Midtrans untuk {{env}} belum diatur: hanya tunai yang bisa dipakai. Masukkan kunci di Pengaturan, lalu mulai ulang Kasir.',
    payments_recovered: '{{count}} pembayaran yang belum selesai sebelum Kasir ditutup sudah diperiksa dengan Midtrans.',
    charge_found: 'Tagihan {{orderId}} ternyata sudah dibuat di Midtrans ({{status}}). Jangan tagih lagi; lihat tab Pembayaran.',
    charge_not_made: 'Tagihan {{orderId}} tidak pernah dibuat di Midtrans. Penjualan ini boleh ditagih lagi.',
    clock_skew: 'Jam komputer ini {{direction}} {{minutes}} menit dari jam Midtrans. Waktu pembayaran mengikuti Midtrans; setel jam komputer dengan benar (waktu otomatis).',
    abandoned_tender_paid: 'Pelanggan tetap membayar tagihan {{method}} {{amount}} yang sudah ditinggalkan. Pemilik harus memutuskan: simpan untuk penjualan ini atau kembalikan uangnya.',
    payments_changed_while_down: 'Selama Kasir tertutup, {{count}} pembayaran berubah: {{paid}} lunas, {{failed}} gagal atau kedaluwarsa. Lihat tab Pembayaran.',
    refund_refused: 'Pengembalian dana {{amount}} untuk pembayaran {{paymentId}} ditolak Midtrans. Kembalikan dari laci kas atau hubungi Midtrans.',
  },
  /** Arah (`direction`) pada pemberitahuan `clock_skew`. */
  clockDirection: {
    ahead: 'lebih cepat',
    behind: 'lebih lambat',
  },
} as const;
