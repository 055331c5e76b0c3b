//! Requirement signals: the words with which a design doc says what a
//! feature needs (strong consistency, durability, access patterns) or
//! tolerates (stale reads).
//!
//! Signals are matched per sentence with one aho-corasick [`Lexicon`]; the
//! decision model then attaches scope and polarity to each match.

use std::sync::LazyLock;

use crate::prose::Lexicon;

/// What kind of data a strong-consistency need is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// Payments, balances, ledgers, wallets, transfers, payouts.
    Money,
    /// Inventory, stock counts, seats.
    Stock,
    /// Bookings, reservations.
    Booking,
    /// Authentication: credentials, sessions, tokens, permissions.
    Auth,
    /// Uniqueness: "exactly one", "unique", "never double-spend".
    Uniqueness,
    /// An explicit "strongly consistent" / "linearizable" requirement.
    Explicit,
}

/// Access patterns that decide which store fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// Ad-hoc queries, filters on any or arbitrary columns.
    AdHoc,
    Joins,
    Reporting,
}

/// One requirement signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    /// Data that needs strong consistency.
    Strong(Subject),
    /// Staleness words: stale, outdated, a little behind, eventual consistency.
    Stale,
    /// Acceptance words: acceptable, is fine, good enough, we can live with.
    Acceptable,
    /// Zero data loss, RPO = 0.
    ZeroDataLoss,
    /// An RPO or RTO is stated.
    RecoveryObjective,
    Access(Access),
    /// Words that say a write spans several entities atomically.
    MultiEntityWrite,
    /// Entities that usually take part in multi-entity transactions.
    TransactionalEntity(Entity),
    /// Large binaries: videos, images, photos, files, attachments.
    Media,
    /// Counters and collaboratively edited data (concurrent updates must all count).
    Counter,
}

/// Entities of the classic multi-entity transactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Order,
    OrderItem,
    Payment,
    Stock,
    Balance,
    Transfer,
    Ledger,
    Account,
    Redemption,
    Voucher,
    Invoice,
    Refund,
    Booking,
}

/// The signal vocabulary: a word may carry several signals.
fn entries() -> Vec<(&'static str, Signal)> {
    use Entity as E;
    use Signal::*;
    use Subject::*;
    let mut entries: Vec<(&'static str, Signal)> = Vec::new();
    for w in [
        "payment",
        "payments",
        "balance",
        "balances",
        "account balance",
        "account balances",
        "wallet",
        "wallets",
        "wallet balance",
        "wallet balances",
        "ledger",
        "ledgers",
        "ledger entries",
        "money",
        "funds",
        "transfer",
        "transfers",
        "payout",
        "payouts",
        "earnings",
        "billing",
        "invoices",
        "refunds",
        "charges",
        "credits",
        "debit",
        "debits",
        "double-spend",
        "double spend",
        "double-spending",
        "loyalty points",
        "reward points",
        "points balance",
        "store credit",
        "gift card",
        "gift cards",
        "残高",
        "決済",
        "支払い",
        "余额",
        "支付",
    ] {
        entries.push((w, Strong(Money)));
    }
    for w in [
        "inventory",
        "stock",
        "stock count",
        "stock counts",
        "stock level",
        "stock levels",
        "seats",
        "seat inventory",
        "room inventory",
        "RoomInventory",
        "oversell",
        "overselling",
        "oversold",
        "在庫",
        "空室",
        "库存",
    ] {
        entries.push((w, Strong(Stock)));
    }
    for w in [
        "booking",
        "bookings",
        "reservation",
        "reservations",
        "double-booking",
        "double booking",
        "double-booked",
        "double booked",
        "予約",
        "预订",
    ] {
        entries.push((w, Strong(Booking)));
    }
    for w in [
        "authentication",
        "auth tokens",
        "refresh tokens",
        "refresh token",
        "access tokens",
        "credentials",
        "password hashes",
        "passwords",
        "permissions",
    ] {
        entries.push((w, Strong(Auth)));
    }
    for w in [
        "uniqueness",
        "exactly one",
        "no duplicates",
        "must be unique",
        "unique usernames",
        "unique emails",
        "unique handles",
    ] {
        entries.push((w, Strong(Uniqueness)));
    }
    for w in [
        "strong consistency",
        "strongly consistent",
        "linearizable",
        "linearizability",
        "read-after-write consistency",
        "must never be stale",
        "强一致性",
        "強い整合性",
    ] {
        entries.push((w, Strong(Explicit)));
    }
    for w in [
        "stale",
        "staleness",
        "outdated",
        "out of date",
        "out-of-date",
        "a little behind",
        "slightly behind",
        "a bit behind",
        "a few seconds behind",
        "lags",
        "lagging",
        "eventual consistency",
        "eventually consistent",
        "converge",
        "not up to date",
    ] {
        entries.push((w, Stale));
    }
    for w in [
        "acceptable",
        "is fine",
        "are fine",
        "is ok",
        "is OK",
        "is okay",
        "tolerable",
        "good enough",
        "we accept",
        "we can live with",
        "can tolerate",
        "we tolerate",
        "doesn't matter",
        "does not matter",
        "not a problem",
        "no big deal",
        "fine for",
        "okay for",
    ] {
        entries.push((w, Acceptable));
    }
    for w in [
        "zero data loss",
        "no data loss",
        "without data loss",
        "without losing data",
        "without losing any data",
        "lose no data",
        "never lose data",
        "never loses data",
        "no data is lost",
        "no data will be lost",
        "lose nothing",
        "no committed data is lost",
        "RPO = 0",
        "RPO=0",
        "RPO 0",
        "RPO of 0",
        "RPO of zero",
        "zero RPO",
        "RPO of 0 seconds",
        "データ損失ゼロ",
        "データロスなし",
        "零数据丢失",
        "不丢数据",
    ] {
        entries.push((w, ZeroDataLoss));
    }
    for w in [
        "RPO",
        "RTO",
        "recovery point objective",
        "recovery time objective",
    ] {
        entries.push((w, RecoveryObjective));
    }
    for w in [
        "ad-hoc",
        "ad hoc",
        "adhoc",
        "any column",
        "any columns",
        "arbitrary columns",
        "arbitrary column",
        "arbitrary filters",
        "any field",
        "any attribute",
        "arbitrary fields",
        "arbitrary attributes",
    ] {
        entries.push((w, Access(self::Access::AdHoc)));
    }
    for w in ["join", "joins", "joined", "joining"] {
        entries.push((w, Access(self::Access::Joins)));
    }
    for w in [
        "reporting",
        "BI",
        "business intelligence",
        "finance reports",
    ] {
        entries.push((w, Access(self::Access::Reporting)));
    }
    for w in [
        "transaction",
        "transactions",
        "transactional",
        "atomically",
        "all-or-nothing",
        "all or nothing",
        "double-entry",
        "one after another",
        "debit and credit",
        "debits and credits",
    ] {
        entries.push((w, MultiEntityWrite));
    }
    for (w, e) in [
        ("orders", E::Order),
        ("order items", E::OrderItem),
        ("order lines", E::OrderItem),
        ("line items", E::OrderItem),
        ("payments", E::Payment),
        ("payment", E::Payment),
        ("purchases", E::Payment),
        ("purchase records", E::Payment),
        ("stock", E::Stock),
        ("menu stock", E::Stock),
        ("reward stock", E::Stock),
        ("inventory", E::Stock),
        ("balances", E::Balance),
        ("balance", E::Balance),
        ("wallet balances", E::Balance),
        ("transfers", E::Transfer),
        ("transfer log", E::Transfer),
        ("ledger", E::Ledger),
        ("ledger entries", E::Ledger),
        ("accounts", E::Account),
        ("wallets", E::Balance),
        ("top-up", E::Transfer),
        ("top-ups", E::Transfer),
        ("charges", E::Payment),
        ("charge history", E::Ledger),
        ("redemptions", E::Redemption),
        ("vouchers", E::Voucher),
        ("invoices", E::Invoice),
        ("refunds", E::Refund),
        ("bookings", E::Booking),
        ("reservations", E::Booking),
    ] {
        entries.push((w, TransactionalEntity(e)));
    }
    for w in [
        "video",
        "videos",
        "video files",
        "images",
        "image files",
        "photos",
        "photo files",
        "pictures",
        "files",
        "uploaded files",
        "PDFs",
        "PDF files",
        "attachments",
        "binaries",
        "binary files",
        "large binaries",
        "audio",
        "audio files",
        "recordings",
        "thumbnails",
        "avatars",
        "scans",
        "raw uploads",
        "blobs",
    ] {
        entries.push((w, Media));
    }
    for w in [
        "counter",
        "counters",
        "count",
        "counts",
        "like counts",
        "view counts",
        "like_count",
        "likes_count",
        "view_count",
        "views_count",
        "like count",
        "view count",
        "likes",
        "quantity",
        "quantities",
        "points",
        "collaborative",
        "co-edited",
        "shared document",
        "shared documents",
    ] {
        entries.push((w, Counter));
    }
    entries
}

/// Unique words, their lexicon, and the signals each word carries.
struct SignalTable {
    lexicon: Lexicon<usize>,
    signals: Vec<Vec<Signal>>,
}

static TABLE: LazyLock<SignalTable> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let mut signals: Vec<Vec<Signal>> = Vec::new();
    for (word, signal) in entries() {
        match words.iter().position(|w| w.eq_ignore_ascii_case(word)) {
            Some(i) if !signals[i].contains(&signal) => signals[i].push(signal),
            Some(_) => {}
            None => {
                words.push(word);
                signals.push(vec![signal]);
            }
        }
    }
    let lexicon_entries: Vec<(&'static str, usize)> =
        words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    SignalTable {
        lexicon: Lexicon::new(&lexicon_entries),
        signals,
    }
});

/// "exactly one writer / leader / home region": a single-writer design that
/// provides ordering, not a uniqueness requirement ("exactly one driver is
/// assigned").
fn single_writer(text: &str, start: usize, end: usize) -> bool {
    if !text[start..end].eq_ignore_ascii_case("exactly one") {
        return false;
    }
    let next = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        next.as_str(),
        "writer" | "writers" | "leader" | "owner" | "home" | "primary" | "sequencer"
    )
}

/// Every signal in `text` as (start, end, signal), left to right. A word
/// that carries several signals ("payments": money and a transactional
/// entity) yields one entry per signal.
pub fn find_all(text: &str) -> Vec<(usize, usize, Signal)> {
    let table = &*TABLE;
    let mut out = Vec::new();
    for m in table.lexicon.find_all(text) {
        if single_writer(text, m.start, m.end) {
            continue;
        }
        for signal in &table.signals[m.value] {
            out.push((m.start, m.end, *signal));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_writer_is_a_design_not_a_requirement() {
        let kinds = |t: &str| {
            find_all(t)
                .into_iter()
                .map(|(_, _, s)| s)
                .collect::<Vec<_>>()
        };
        assert!(kinds("Each conversation has exactly one writer.").is_empty());
        assert!(!kinds("Exactly one driver is assigned to each trip.").is_empty());
    }

    #[test]
    fn words_carry_every_signal() {
        let found = find_all("Payments and orders live in Mongo; stale reads are acceptable.");
        let kinds: Vec<Signal> = found.iter().map(|f| f.2).collect();
        assert!(kinds.contains(&Signal::Strong(Subject::Money)));
        assert!(kinds.contains(&Signal::TransactionalEntity(Entity::Payment)));
        assert!(kinds.contains(&Signal::TransactionalEntity(Entity::Order)));
        assert!(kinds.contains(&Signal::Stale));
        assert!(kinds.contains(&Signal::Acceptable));
    }

    #[test]
    fn durability_and_access_patterns() {
        let kinds: Vec<Signal> = find_all("RPO = 0 and ad-hoc queries with joins")
            .into_iter()
            .map(|f| f.2)
            .collect();
        assert_eq!(
            kinds,
            [
                Signal::ZeroDataLoss,
                Signal::Access(self::Access::AdHoc),
                Signal::Access(self::Access::Joins)
            ]
        );
    }
}
