use std::sync::LazyLock;

use crate::decisions::{Family, Signal};
use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags images, videos, documents or other large binaries stored in
    /// database rows: `BLOB`/`bytea` columns of a media table, or prose such
    /// as "store the uploaded videos in Postgres".
    ///
    /// ## Why is this bad?
    /// Large binaries bloat the database: backups, replication and restores
    /// slow down with every upload, the buffer cache fills with bytes no query
    /// filters on, and every download goes through the database instead of a
    /// CDN. Object storage is cheaper per GB by an order of magnitude and
    /// serves files directly.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE photos (id bigserial PRIMARY KEY, data bytea NOT NULL);
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// -- the file lives in S3; the row keeps its key and metadata
    /// CREATE TABLE photos (id bigserial PRIMARY KEY, object_key text NOT NULL,
    ///                      content_type text NOT NULL, bytes bigint NOT NULL);
    /// ```
    pub struct BlobInDatabase {
        id: "choice/blob-in-database",
        severity: Warning,
        summary: "Large binaries are stored in database rows instead of object storage.",
    }
}

const BINARY_TYPES: &[&str] = &[
    "BYTEA",
    "BLOB",
    "LONGBLOB",
    "MEDIUMBLOB",
    "VARBINARY(MAX)",
    "IMAGE",
    "BINARY LARGE OBJECT",
];

const MEDIA_TABLES: &[&str] = &[
    "photo",
    "image",
    "video",
    "file",
    "attachment",
    "media",
    "upload",
    "avatar",
    "thumbnail",
    "blob",
    "asset",
    "recording",
    "pdf",
    "scan",
    "document_file",
    "audio",
];

const MEDIA_COLUMNS: &[&str] = &[
    "image",
    "photo",
    "video",
    "file",
    "attachment",
    "blob",
    "thumbnail",
    "avatar",
    "pdf",
    "audio",
    "media",
    "picture",
];

/// Small binary values that belong in a row.
const SMALL_BINARY: &[&str] = &[
    "sha",
    "md5",
    "crc",
    "etag",
    "version",
    "hash",
    "salt",
    "key",
    "token",
    "digest",
    "checksum",
    "signature",
    "nonce",
    "iv",
    "secret",
    "cert",
    "fingerprint",
    "bloom",
    "embedding",
    "vector",
    "uuid",
    "mac",
    "ip",
];

/// Words right after a media word that make it a reference, not the bytes.
static REFERENCE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "metadata",
            "url",
            "urls",
            "key",
            "keys",
            "path",
            "paths",
            "reference",
            "references",
            "id",
            "ids",
            "name",
            "names",
            "count",
            "counts",
            "size",
            "sizes",
            "hash",
            "hashes",
            "location",
            "locations",
            "pointer",
            "pointers",
            "link",
            "links",
            "checksum",
            "table",
            "tables",
            "index",
        ]
        .map(|w| (w, ())),
    )
});

const STORE_VERBS: &[&str] = &[
    "store",
    "stores",
    "stored",
    "storing",
    "saved",
    "save",
    "saves",
    "kept",
    "keep",
    "keeps",
    "live",
    "lives",
    "inside",
    "as attachments",
    "persist",
    "persisted",
    "written",
    "writes",
    "put",
];

fn is_media_column(table: &str, column: &str) -> bool {
    let table = table.to_ascii_lowercase();
    let column = column.to_ascii_lowercase();
    if SMALL_BINARY.iter().any(|w| column.contains(w)) {
        return false;
    }
    MEDIA_TABLES.iter().any(|w| table.contains(w))
        || MEDIA_COLUMNS.iter().any(|w| column.contains(w))
}

impl Rule for BlobInDatabase {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for column in cx.sql().columns() {
            let data_type = column.data_type.to_ascii_uppercase();
            if !BINARY_TYPES.contains(&data_type.as_str())
                || !is_media_column(&column.table, &column.name)
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        column.range,
                        format!(
                            "`{}.{}` stores file contents ({}) in the database",
                            column.table, column.name, column.data_type
                        ),
                    )
                    .help("Store the file in object storage (S3, GCS, Azure Blob) and keep its key, size and content type in the row."),
            );
        }
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            let text = statement.text(doc);
            let lower = format!(" {} ", text.to_ascii_lowercase());
            if !STORE_VERBS
                .iter()
                .any(|v| lower.contains(&format!(" {v} ")))
            {
                continue;
            }
            if statement
                .asserted_stores()
                .any(|s| s.kind.profile().family == Family::ObjectStorage)
            {
                continue;
            }
            for media in statement
                .signals
                .iter()
                .filter(|f| f.kind == Signal::Media && f.is_asserted())
                .filter(|f| f.local.start < crate::decisions::reason_start(text))
            {
                let next_word = text[media.local.end..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric());
                if REFERENCE.contains(next_word) {
                    continue;
                }
                let Some(store) = statement.nearest_store(text, media.local.start) else {
                    continue;
                };
                let profile = store.kind.profile();
                if !profile.family.is_database() {
                    continue;
                }
                out.push(
                    Self::META
                        .finding(
                            media.range.cover(store.range),
                            format!(
                                "`{}` are stored in {}, a database, instead of object storage",
                                doc.text(media.range),
                                profile.name
                            ),
                        )
                        .help("Upload the files to object storage (S3, GCS, Azure Blob) and keep only their keys and metadata in the database."),
                );
                break;
            }
        }
    }
}
