//! The schema a doc defines across all its SQL (and CQL) blocks: tables,
//! columns, keys, foreign keys and indexes, including the implicit indexes
//! behind PRIMARY KEY, UNIQUE and EXCLUDE constraints.

use std::collections::HashMap;

use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CreateIndex, CreateTable, Expr, IndexColumn, IndexType,
    ObjectName, OrderBySort, Spanned, Statement, TableConstraint,
};

use super::{SqlDialect, SqlStatement, cql, names};
use crate::TextRange;
use crate::document::Document;

/// What an index key is: a plain column or an expression (`lower(email)`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Column(String),
    /// Normalised expression text (lower case, no spaces, no qualifiers).
    Expr(String),
}

impl Key {
    pub fn column(&self) -> Option<&str> {
        match self {
            Key::Column(c) => Some(c),
            Key::Expr(_) => None,
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Column(c) => f.write_str(c),
            Key::Expr(e) => write!(f, "({e})"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Column {
    /// Lower-cased name.
    pub name: String,
    pub data_type: String,
    pub name_range: TextRange,
    /// The column definition (name, type, constraints).
    pub range: TextRange,
    /// The `--` comment on the column's line, if any.
    pub comment: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub references: String,
    pub referred_columns: Vec<String>,
    /// The column definition or the `FOREIGN KEY` constraint.
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Lower-cased, unqualified name.
    pub name: String,
    /// Index of the `CREATE TABLE` in [`super::SqlModel::statements`].
    pub statement: usize,
    pub code_block: usize,
    pub range: TextRange,
    pub name_range: TextRange,
    pub columns: Vec<Column>,
    /// Primary key columns (empty when there is none).
    pub primary_key: Vec<String>,
    /// The partition key: Cassandra's `PRIMARY KEY ((a, b), c)` or
    /// PostgreSQL's `PARTITION BY RANGE/HASH/LIST (cols)`; empty otherwise.
    pub partition_key: Vec<String>,
    /// `hash` (Cassandra, `PARTITION BY HASH`), `range` or `list`.
    pub partition_method: Option<String>,
    /// Cassandra: the clustering columns.
    pub clustering_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Defined in a `cql` block (Cassandra semantics, no SQL index rules).
    pub cql: bool,
    /// Defined in a MySQL block: InnoDB secondary indexes end with the
    /// primary key columns.
    pub mysql: bool,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexKind {
    Primary,
    Unique,
    Secondary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexMethod {
    BTree,
    Hash,
    Gin,
    Gist,
    Brin,
    Other,
}

impl IndexMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            IndexMethod::BTree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Brin => "brin",
            IndexMethod::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexKey {
    pub key: Key,
    pub desc: bool,
}

#[derive(Clone, Debug)]
pub struct Index {
    /// Lower-cased table name.
    pub table: String,
    pub name: Option<String>,
    pub keys: Vec<IndexKey>,
    pub kind: IndexKind,
    pub method: IndexMethod,
    /// Normalised conjuncts of a partial index's `WHERE`.
    pub predicate: Vec<String>,
    pub statement: usize,
    /// The `CREATE INDEX` statement or the constraint that implies the index.
    pub range: TextRange,
    pub concurrently: bool,
    /// From `CREATE INDEX` (as opposed to a constraint in `CREATE TABLE`).
    pub explicit: bool,
}

impl Index {
    pub fn label(&self) -> String {
        let keys: Vec<String> = self
            .keys
            .iter()
            .map(|k| {
                if k.desc {
                    format!("{} DESC", k.key)
                } else {
                    k.key.to_string()
                }
            })
            .collect();
        let what = match (self.kind, &self.name) {
            (IndexKind::Primary, _) => "primary key".to_string(),
            (_, Some(name)) => format!("index `{name}`"),
            (IndexKind::Unique, None) => "UNIQUE constraint".to_string(),
            (_, None) => "index".to_string(),
        };
        format!("{what} ({})", keys.join(", "))
    }

    /// True when the first `n` keys are exactly the given columns, in any order.
    pub fn leads_with(&self, columns: &[String]) -> bool {
        columns.len() <= self.keys.len()
            && columns.iter().all(|c| {
                self.keys[..columns.len()]
                    .iter()
                    .any(|k| k.key.column() == Some(c))
            })
    }
}

/// Every table and index the doc defines, across all its blocks.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    pub tables: Vec<Table>,
    pub indexes: Vec<Index>,
    /// Name to the first table of that name (lookups stay O(1) on big docs).
    table_by_name: HashMap<String, usize>,
    /// Table name to its indexes, in document order.
    indexes_by_table: HashMap<String, Vec<usize>>,
}

impl Schema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.table_index(name).map(|i| &self.tables[i])
    }

    pub fn table_index(&self, name: &str) -> Option<usize> {
        self.table_by_name.get(name).copied()
    }

    /// Indexes on a table, in document order.
    pub fn indexes_of<'a>(&'a self, table: &'a str) -> impl Iterator<Item = (usize, &'a Index)> {
        self.indexes_by_table
            .get(table)
            .into_iter()
            .flatten()
            .map(move |&i| (i, &self.indexes[i]))
    }

    /// Builds the name lookups once the tables and indexes are final.
    fn build_lookups(&mut self) {
        self.table_by_name.clear();
        for (i, table) in self.tables.iter().enumerate() {
            self.table_by_name.entry(table.name.clone()).or_insert(i);
        }
        self.indexes_by_table.clear();
        for (i, index) in self.indexes.iter().enumerate() {
            self.indexes_by_table
                .entry(index.table.clone())
                .or_default()
                .push(i);
        }
    }

    pub fn build(doc: &Document, statements: &[SqlStatement]) -> Schema {
        let mut schema = Schema::default();
        for (i, statement) in statements.iter().enumerate() {
            if statement.counterexample {
                continue;
            }
            if statement.dialect == SqlDialect::Cql
                || cql::looks_like_cql(doc.text(statement.range))
            {
                if let Some(table) = cql::create_table(doc, statement, i) {
                    schema.add_table(table);
                }
                continue;
            }
            let Ok(parsed) = &statement.parsed else {
                continue;
            };
            let text = doc.text(statement.range);
            let at =
                |span: sqlparser::tokenizer::Span| names::span_range(text, statement.range, span);
            match parsed {
                Statement::CreateTable(create) => {
                    let table = sql_table(doc, statement, i, create, &mut schema.indexes);
                    schema.add_table(table);
                }
                Statement::CreateIndex(create) => {
                    if let Some(index) = create_index(create, i, statement.range) {
                        schema.indexes.push(index);
                    }
                }
                Statement::AlterTable(alter) => {
                    let table = names::object(&alter.name);
                    for operation in &alter.operations {
                        match operation {
                            AlterTableOperation::AddConstraint { constraint, .. } => {
                                let range = at(constraint.span())
                                    .map(|r| constraint_range(text, statement.range, r))
                                    .unwrap_or(statement.range);
                                let target = schema
                                    .table_by_name
                                    .get(&table)
                                    .map(|&t| &mut schema.tables[t]);
                                constraint_into(
                                    &table,
                                    constraint,
                                    i,
                                    range,
                                    target,
                                    &mut schema.indexes,
                                );
                            }
                            AlterTableOperation::AddColumn { column_def, .. } => {
                                if let Some(&t) = schema.table_by_name.get(&table) {
                                    let t = &mut schema.tables[t];
                                    let name_range =
                                        at(column_def.name.span).unwrap_or(statement.range);
                                    t.columns.push(Column {
                                        name: names::ident(&column_def.name),
                                        data_type: column_def.data_type.to_string(),
                                        name_range,
                                        range: at(column_def.span()).unwrap_or(name_range),
                                        comment: None,
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        // `PRIMARY KEY ()` and the like: no key, no index.
        schema.indexes.retain(|i| !i.keys.is_empty());
        schema.build_lookups();
        schema
    }

    fn add_table(&mut self, table: Table) {
        // Lookups by name find the first definition (both stay listed for
        // rules about definitions).
        self.table_by_name
            .entry(table.name.clone())
            .or_insert(self.tables.len());
        self.tables.push(table);
    }
}

fn method(using: Option<&IndexType>) -> IndexMethod {
    match using {
        None | Some(IndexType::BTree) => IndexMethod::BTree,
        Some(IndexType::Hash) => IndexMethod::Hash,
        Some(IndexType::GIN) => IndexMethod::Gin,
        Some(IndexType::GiST) | Some(IndexType::SPGiST) => IndexMethod::Gist,
        Some(IndexType::BRIN) => IndexMethod::Brin,
        Some(IndexType::Custom(name)) => method_name(&name.value),
        Some(_) => IndexMethod::Other,
    }
}

fn method_name(name: &str) -> IndexMethod {
    match name.to_ascii_lowercase().as_str() {
        "btree" => IndexMethod::BTree,
        "hash" => IndexMethod::Hash,
        "gin" => IndexMethod::Gin,
        "gist" | "spgist" => IndexMethod::Gist,
        "brin" => IndexMethod::Brin,
        _ => IndexMethod::Other,
    }
}

fn index_key(column: &IndexColumn) -> IndexKey {
    IndexKey {
        key: names::key(&column.column.expr),
        desc: matches!(column.column.options.sort, Some(OrderBySort::Desc)),
    }
}

fn create_index(create: &CreateIndex, statement: usize, range: TextRange) -> Option<Index> {
    let keys: Vec<IndexKey> = create.columns.iter().map(index_key).collect();
    if keys.is_empty() {
        return None;
    }
    Some(Index {
        table: names::object(&create.table_name),
        name: create.name.as_ref().map(names::object),
        keys,
        kind: if create.unique {
            IndexKind::Unique
        } else {
            IndexKind::Secondary
        },
        method: method(create.using.as_ref()),
        predicate: create
            .predicate
            .as_ref()
            .map(names::conjuncts)
            .unwrap_or_default(),
        statement,
        range,
        concurrently: create.concurrently,
        explicit: true,
    })
}

fn plain_keys(columns: &[IndexColumn]) -> Vec<IndexKey> {
    columns.iter().map(index_key).collect()
}

fn constraint_index(
    table: &str,
    kind: IndexKind,
    method: IndexMethod,
    keys: Vec<IndexKey>,
    name: Option<String>,
    (statement, range): (usize, TextRange),
    predicate: Vec<String>,
) -> Index {
    Index {
        table: table.to_string(),
        name,
        keys,
        kind,
        method,
        predicate,
        statement,
        range,
        concurrently: false,
        explicit: false,
    }
}

fn constraint_into(
    table: &str,
    constraint: &TableConstraint,
    statement: usize,
    range: TextRange,
    target: Option<&mut Table>,
    indexes: &mut Vec<Index>,
) {
    let name = |n: &Option<sqlparser::ast::Ident>| n.as_ref().map(names::ident);
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let keys = plain_keys(&pk.columns);
            if let Some(t) = target {
                t.primary_key = keys
                    .iter()
                    .filter_map(|k| k.key.column().map(str::to_string))
                    .collect();
            }
            indexes.push(constraint_index(
                table,
                IndexKind::Primary,
                IndexMethod::BTree,
                keys,
                name(&pk.name),
                (statement, range),
                Vec::new(),
            ));
        }
        TableConstraint::Unique(unique) => indexes.push(constraint_index(
            table,
            IndexKind::Unique,
            method(unique.index_type.as_ref()),
            plain_keys(&unique.columns),
            name(&unique.name).or(name(&unique.index_name)),
            (statement, range),
            Vec::new(),
        )),
        TableConstraint::Index(index) => indexes.push(constraint_index(
            table,
            IndexKind::Secondary,
            method(index.index_type.as_ref()),
            plain_keys(&index.columns),
            name(&index.name),
            (statement, range),
            Vec::new(),
        )),
        TableConstraint::Exclude(exclude) => indexes.push(constraint_index(
            table,
            IndexKind::Secondary,
            exclude
                .index_method
                .as_ref()
                .map_or(IndexMethod::BTree, |m| method_name(&m.value)),
            exclude
                .elements
                .iter()
                .map(|e| index_key(&e.column))
                .collect(),
            name(&exclude.name),
            (statement, range),
            exclude
                .where_clause
                .as_deref()
                .map(names::conjuncts)
                .unwrap_or_default(),
        )),
        TableConstraint::ForeignKey(fk) => {
            if let Some(t) = target {
                t.foreign_keys.push(ForeignKey {
                    columns: fk.columns.iter().map(names::ident).collect(),
                    references: names::object(&fk.foreign_table),
                    referred_columns: fk.referred_columns.iter().map(names::ident).collect(),
                    range,
                });
            }
        }
        _ => {}
    }
}

fn sql_table(
    doc: &Document,
    statement: &SqlStatement,
    index: usize,
    create: &CreateTable,
    indexes: &mut Vec<Index>,
) -> Table {
    let text = doc.text(statement.range);
    let at = |span: sqlparser::tokenizer::Span| names::span_range(text, statement.range, span);
    let name = names::object(&create.name);
    let name_range = object_range(&create.name, text, statement.range).unwrap_or(statement.range);
    let mut table = Table {
        name: name.clone(),
        statement: index,
        code_block: statement.code_block,
        range: statement.range,
        name_range,
        columns: Vec::new(),
        primary_key: Vec::new(),
        partition_key: Vec::new(),
        partition_method: None,
        clustering_key: Vec::new(),
        foreign_keys: Vec::new(),
        cql: false,
        mysql: statement.dialect == SqlDialect::MySql,
    };
    if let Some(partition) = &create.partition_by {
        let text = partition.to_string();
        if let Some((method, rest)) = text.split_once('(') {
            table.partition_method = Some(method.trim().to_ascii_lowercase());
            table.partition_key = rest
                .trim_end_matches(')')
                .split(',')
                .map(|c| c.trim().trim_matches('"').to_lowercase())
                .filter(|c| !c.is_empty())
                .collect();
        }
    }
    for column in &create.columns {
        let column_name = names::ident(&column.name);
        let name_range = at(column.name.span).unwrap_or(statement.range);
        let data_type = column.data_type.to_string();
        let range = at(column.span()).unwrap_or(name_range);
        let typed = super::type_end(doc, name_range.end, statement.range.end, &data_type);
        let range = TextRange::new(name_range.start, range.end.max(name_range.end).max(typed));
        for option in &column.options {
            let key = vec![IndexKey {
                key: Key::Column(column_name.clone()),
                desc: false,
            }];
            match &option.option {
                ColumnOption::PrimaryKey(_) => {
                    table.primary_key = vec![column_name.clone()];
                    indexes.push(constraint_index(
                        &name,
                        IndexKind::Primary,
                        IndexMethod::BTree,
                        key,
                        None,
                        (index, range),
                        Vec::new(),
                    ));
                }
                ColumnOption::Unique(_) => indexes.push(constraint_index(
                    &name,
                    IndexKind::Unique,
                    IndexMethod::BTree,
                    key,
                    None,
                    (index, range),
                    Vec::new(),
                )),
                ColumnOption::ForeignKey(fk) => table.foreign_keys.push(ForeignKey {
                    columns: vec![column_name.clone()],
                    references: names::object(&fk.foreign_table),
                    referred_columns: fk.referred_columns.iter().map(names::ident).collect(),
                    range,
                }),
                _ => {}
            }
        }
        table.columns.push(Column {
            name: column_name,
            data_type,
            name_range,
            range,
            comment: line_comment(doc, range.end),
        });
    }
    for constraint in &create.constraints {
        let range = at(constraint.span())
            .map(|r| constraint_range(text, statement.range, r))
            .unwrap_or(statement.range);
        constraint_into(&name, constraint, index, range, Some(&mut table), indexes);
    }
    table
}

/// A constraint's span starts at its column list; take its keyword too.
fn constraint_range(text: &str, base: TextRange, range: TextRange) -> TextRange {
    let local = range.start.saturating_sub(base.start);
    let head = text[..local].trim_end().trim_end_matches('(').trim_end();
    let lower = head.to_ascii_lowercase();
    for keyword in ["foreign key", "primary key", "unique"] {
        if lower.ends_with(keyword) {
            return TextRange::new(base.start + head.len() - keyword.len(), range.end);
        }
    }
    range
}

fn object_range(name: &ObjectName, text: &str, base: TextRange) -> Option<TextRange> {
    names::span_range(text, base, name.span())
}

/// The `-- comment` after `offset` on the same line.
fn line_comment(doc: &Document, offset: usize) -> Option<String> {
    let source = doc.source();
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line = &source[offset..end];
    line.find("--")
        .map(|i| line[i + 2..].trim().to_string())
        .filter(|c| !c.is_empty())
}

/// `true` when an expression is a call of a volatile function (a fresh value per row).
pub fn is_volatile_default(expr: &Expr) -> bool {
    let text = expr.to_string().to_ascii_lowercase();
    [
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v4",
        "random(",
        "clock_timestamp",
        "timeofday",
        "nextval",
        "uuid()",
        "newid(",
    ]
    .iter()
    .any(|f| text.contains(f))
}
