"""Which OpenSID tables and columns the importer knows (OpenSID changes its schema monthly).

A table in the dump that is neither read nor known to be unneeded, and a column of a read
table that is not listed here, is named in the import report: the volunteer learns that
something in their version was not looked at, and the importer carries on.
"""

from __future__ import annotations

from .dump import Dump

COMMON = "id config_id uuid created_at created_by updated_at updated_by deleted_at"
READ = {  # table -> the columns this importer knows (read, or left out on purpose)
    "config": "nama_desa kode_desa kode_pos nama_kecamatan kode_kecamatan nama_kepala_camat "
              "nip_kepala_camat nama_kabupaten kode_kabupaten nama_propinsi kode_propinsi logo "
              "lat lng zoom map_tipe path alamat_kantor email_desa telepon website kantor_desa "
              "warna pamong_id nip_kepala_desa nomor_operator app_key border",
    "setting_aplikasi": "key value keterangan jenis kategori option attribute judul",
    "kehadiran_jam_kerja": "nama_hari jam_masuk jam_keluar status keterangan",
    "media_sosial": "gambar link nama tipe enabled",
    "artikel": "gambar isi enabled tgl_upload id_kategori id_user judul headline gambar1 gambar2 "
               "gambar3 dokumen link_dokumen boleh_komentar slug hit urut jenis_widget tipe "
               "slider tampilan",
    "agenda": "id_artikel tgl_agenda koordinator_kegiatan lokasi_kegiatan",
    "menu": "nama link parrent link_tipe enabled urut",
    "tweb_desa_pamong": "pamong_id pamong_nama pamong_nip pamong_tag_id_card pamong_pin "
                        "pamong_nik jabatan jabatan_id pamong_status pamong_tgl_terdaftar "
                        "pamong_ttd foto id_pend pamong_tempatlahir pamong_tanggallahir "
                        "pamong_sex pamong_pendidikan pamong_agama pamong_nosk pamong_tglsk "
                        "pamong_masajab urut pamong_niap pamong_pangkat pamong_nohenti "
                        "pamong_tglhenti pamong_ub atasan bagan_tingkat bagan_offset "
                        "bagan_layout bagan_warna kehadiran gelar_depan gelar_belakang",
    "ref_jabatan": "nama tupoksi jenis",
    "tweb_surat_format": "nama url_surat kode_surat lampiran kunci favorit jenis mandiri "
                         "masa_berlaku satuan_masa_berlaku qr_code syarat_surat template "
                         "template_desa form_isian kode_isian orientasi ukuran margin "
                         "footer header format_nomor logo_garuda sumber_penduduk_berulang "
                         "kecamatan margin_global format_nomor_global",
    "syarat_surat": "surat_format_id ref_syarat_id",
    "ref_syarat_surat": "ref_syarat_id ref_syarat_nama",
    "dokumen": "satuan nama enabled tgl_upload id_pend kategori attr tahun "
               "kategori_info_publik deleted id_syarat id_parent dok_warga lokasi_arsip "
               "keterangan status retensi_number retensi_unit retensi_date url tipe",
    "gambar_gallery": "parrent gambar nama enabled tgl_upload tipe slider urut jenis",
    "tweb_wil_clusterdesa": "rt rw dusun id_kepala lat lng zoom path map_tipe warna border "
                            "urut urut_cetak",
    "tweb_penduduk": "*",  # counted only: every other column is personal and left out
    "tweb_keluarga": "*",
    "tweb_penduduk_agama": "nama", "tweb_penduduk_pendidikan_kk": "nama",
    "tweb_penduduk_pekerjaan": "nama",
    "program": "nama sasaran ndesc sdate edate userid status asaldana slug",
    "program_peserta": "*",
    "pembangunan": "id_lokasi sumber_dana judul slug keterangan lokasi lat lng volume "
                   "tahun_anggaran pelaksana_kegiatan status foto anggaran perubahan_anggaran "
                   "sumber_biaya_pemerintah sumber_biaya_provinsi sumber_biaya_kab_kota "
                   "sumber_biaya_swadaya sumber_biaya_jumlah manfaat waktu satuan_waktu "
                   "sifat_proyek",
    "pembangunan_ref_dokumentasi": "id_pembangunan gambar persentase keterangan",
    "produk": "id_pelapak id_produk_kategori nama harga satuan tipe_potongan potongan "
              "deskripsi foto status",
    "pelapak": "*",  # the seller's phone only; id_pend points at a resident
    "produk_kategori": "kategori slug status",
    "keuangan_manual_rinci": "Tahun Kd_Akun Kd_Keg Kd_Rincian Nilai_Anggaran Nilai_Realisasi",
    "keuangan_manual_ref_kegiatan": "ID_Keg Nama_Kegiatan",
}
NOT_NEEDED = (  # known OpenSID tables a public portal does not publish (prefixes)
    "analisis_", "anggota_grup", "anjungan", "area", "captcha", "cdesa", "covid19_",
    "data_persil", "disposisi_", "garis", "gis_", "grup_akses", "hubung_warga", "inbox",
    "inventaris_", "kader_", "kategori", "kehadiran_", "kelompok", "keuangan_", "klasifikasi_",
    "komentar", "kontak", "laporan_", "line", "log_", "lokasi", "migrasi", "mutasi_",
    "notifikasi", "outbox", "password_resets", "pendapat",
    "pengaduan", "permohonan_surat", "persil", "pesan", "point", "polygon", "ref_",
    "sentitems", "setting_", "statistics", "suplemen", "surat_", "sys_", "tanah_", "teks_",
    "tweb_aset", "tweb_cacat", "tweb_cara_kb", "tweb_golongan_darah", "tweb_keluarga_",
    "tweb_penduduk_", "tweb_rtm", "tweb_sakit_", "tweb_status_", "urls", "user", "widget",
    "fcm_", "ci_sessions", "login_attempts", "buku_", "dtks", "bulanan_", "program_",
)


def unknown_tables(dump: Dump) -> list[str]:
    return sorted(t for t in dump.tables if t not in READ and not t.startswith(NOT_NEEDED))


def unknown_columns(dump: Dump) -> dict[str, list[str]]:
    found = {}
    for name, known in READ.items():
        table = dump.tables.get(name)
        if table is None or known == "*":
            continue
        expected = set(known.split()) | set(COMMON.split())
        extra = [c for c in table.columns if c not in expected]
        if extra:
            found[name] = extra
    return found


def missing_tables(dump: Dump) -> list[str]:
    """Read tables the dump lacks (each one's consequence is in the report catalog)."""
    return [t for t in ("config", "artikel", "tweb_desa_pamong", "tweb_surat_format", "dokumen",
                        "tweb_wil_clusterdesa", "tweb_penduduk", "keuangan_manual_rinci",
                        "kehadiran_jam_kerja", "gambar_gallery", "program")
            if t not in dump.tables]
