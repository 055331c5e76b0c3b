//! The query model: what each SELECT, UPDATE and DELETE asks of each table,
//! resolved through aliases and joins.

use sqlparser::ast::{
    BinaryOperator, Delete, Expr, FromTable, FunctionArg, FunctionArgExpr, FunctionArguments,
    GroupByExpr, Ident, JoinConstraint, JoinOperator, LimitClause, OrderByExpr, OrderByKind,
    OrderBySort, Query as SqlQuery, Select, SelectItem, SetExpr, Spanned, Statement, TableFactor,
    TableWithJoins, Update, UpdateTableFromKind, Value,
};

use super::schema::{Key, Schema};
use super::{SqlDialect, SqlStatement, names};
use crate::TextRange;
use crate::document::Document;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    Select,
    Update,
    Delete,
}

/// A table the query reads or writes.
#[derive(Clone, Debug)]
pub struct TableRef {
    /// Lower-cased, unqualified.
    pub name: String,
    pub alias: Option<String>,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PredicateOp {
    /// `col = value`
    Eq,
    /// `col IN (...)`
    In,
    /// `<`, `>`, `BETWEEN`, a row comparison, `LIKE 'prefix%'`.
    Range,
    /// `col IS NULL`: usable by partial indexes, not a key column.
    IsNull,
}

/// A sargable condition on one table's column (or expression).
#[derive(Clone, Debug)]
pub struct Predicate {
    /// Index into [`Query::tables`].
    pub table: usize,
    pub key: Key,
    pub op: PredicateOp,
    pub range: TextRange,
}

/// `a.x = b.y` between two tables of the query.
#[derive(Clone, Debug)]
pub struct JoinPair {
    pub left: (usize, String),
    pub right: (usize, String),
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct SortItem {
    pub table: Option<usize>,
    pub key: Key,
    pub desc: bool,
    pub range: TextRange,
}

/// A function or arithmetic around a column in WHERE (`lower(email) = $1`).
#[derive(Clone, Debug)]
pub struct Wrapped {
    pub table: usize,
    pub column: String,
    /// The wrapping expression as an index key (`lower(email)`).
    pub expr: Key,
    /// The wrapping expression in the document.
    pub range: TextRange,
}

/// A `LIKE` / `ILIKE` with a literal pattern.
#[derive(Clone, Debug)]
pub struct LikeUse {
    pub table: Option<usize>,
    pub column: Option<String>,
    /// The pattern as written (`'%@acme.com'`, `'%' || $1 || '%'`).
    pub pattern: String,
    pub leading_wildcard: bool,
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct Query {
    /// Index in [`super::SqlModel::statements`].
    pub statement: usize,
    pub range: TextRange,
    pub kind: QueryKind,
    /// A CTE or a branch of a UNION: part of a larger statement.
    pub nested: bool,
    pub tables: Vec<TableRef>,
    pub predicates: Vec<Predicate>,
    /// Normalised top-level conjuncts of WHERE (and inner-join ON) per table,
    /// for matching partial-index predicates.
    pub conjuncts: Vec<(Option<usize>, String)>,
    pub joins: Vec<JoinPair>,
    pub order_by: Vec<SortItem>,
    pub limit: Option<TextRange>,
    pub offset: Option<TextRange>,
    pub where_range: Option<TextRange>,
    /// `SELECT *` or `t.*`.
    pub star: Option<TextRange>,
    /// Projected columns (table, column) that resolved.
    pub projection: Vec<(Option<usize>, String)>,
    pub wrapped: Vec<Wrapped>,
    pub likes: Vec<LikeUse>,
    /// Only aggregates (`count(*)`), no GROUP BY: one row out.
    pub aggregate_only: bool,
    pub group_by: bool,
    /// From a `cql` block.
    pub cql: bool,
}

impl Query {
    pub fn predicates_of(&self, table: usize) -> impl Iterator<Item = &Predicate> {
        self.predicates.iter().filter(move |p| p.table == table)
    }
}

pub fn build(doc: &Document, statements: &[SqlStatement], schema: &Schema) -> Vec<Query> {
    let mut queries = Vec::new();
    for (i, statement) in statements.iter().enumerate() {
        let Ok(parsed) = &statement.parsed else {
            continue;
        };
        if statement.counterexample {
            continue;
        }
        let new = |nested: bool| Builder {
            schema,
            text: doc.text(statement.range),
            base: statement.range,
            query: Query {
                statement: i,
                range: statement.range,
                kind: QueryKind::Select,
                nested,
                tables: Vec::new(),
                predicates: Vec::new(),
                conjuncts: Vec::new(),
                joins: Vec::new(),
                order_by: Vec::new(),
                limit: None,
                offset: None,
                where_range: None,
                star: None,
                projection: Vec::new(),
                wrapped: Vec::new(),
                likes: Vec::new(),
                aggregate_only: false,
                group_by: false,
                cql: statement.dialect == SqlDialect::Cql,
            },
        };
        let mut push = |builder: Builder<'_>| {
            if !builder.query.tables.is_empty() {
                queries.push(builder.query);
            }
        };
        match parsed {
            Statement::Query(query) => query_parts(query, false, &new, &mut push),
            Statement::Update(update) => {
                let mut builder = new(false);
                builder.update(update);
                push(builder);
            }
            Statement::Delete(delete) => {
                let mut builder = new(false);
                builder.delete(delete);
                push(builder);
            }
            _ => {}
        }
    }
    queries
}

/// The SELECTs of a query: its body, each branch of a UNION / INTERSECT /
/// EXCEPT, and each CTE (those are `nested`: part of a larger statement).
fn query_parts<'a>(
    query: &SqlQuery,
    nested: bool,
    new: &dyn Fn(bool) -> Builder<'a>,
    push: &mut dyn FnMut(Builder<'a>),
) {
    if let Some(with) = &query.with {
        for cte in &with.cte_tables {
            query_parts(&cte.query, true, new, push);
        }
    }
    set_parts(&query.body, Some(query), nested, new, push);
}

fn set_parts<'a>(
    body: &SetExpr,
    outer: Option<&SqlQuery>,
    nested: bool,
    new: &dyn Fn(bool) -> Builder<'a>,
    push: &mut dyn FnMut(Builder<'a>),
) {
    match body {
        SetExpr::Select(select) => {
            let mut builder = new(nested);
            builder.select(select, outer);
            push(builder);
        }
        SetExpr::Query(inner) => query_parts(inner, nested, new, push),
        SetExpr::SetOperation { left, right, .. } => {
            set_parts(left, None, true, new, push);
            set_parts(right, None, true, new, push);
        }
        _ => {}
    }
}

struct Builder<'a> {
    schema: &'a Schema,
    text: &'a str,
    base: TextRange,
    query: Query,
}

const NOT_COLUMNS: &[&str] = &[
    "current_date",
    "current_timestamp",
    "current_time",
    "localtimestamp",
    "localtime",
    "current_user",
    "session_user",
    "true",
    "false",
    "null",
];

impl Builder<'_> {
    fn at(&self, span: sqlparser::tokenizer::Span) -> Option<TextRange> {
        names::span_range(self.text, self.base, span)
    }

    fn range_of(&self, expr: &Expr) -> TextRange {
        self.at(expr.span()).unwrap_or(self.base)
    }

    /// Extends a range back over a keyword written just before it.
    fn with_keyword(&self, range: TextRange, keyword: &str) -> TextRange {
        let local = range.start - self.base.start;
        let head = self.text[..local].trim_end();
        let tail = head
            .len()
            .checked_sub(keyword.len())
            .and_then(|i| head.get(i..));
        if tail.is_some_and(|t| t.eq_ignore_ascii_case(keyword)) {
            TextRange::new(self.base.start + head.len() - keyword.len(), range.end)
        } else {
            range
        }
    }

    fn select(&mut self, select: &Select, query: Option<&SqlQuery>) {
        for from in &select.from {
            self.from(from);
        }
        for item in &select.projection {
            match item {
                SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(..) => {
                    let range = self.at(item.span()).unwrap_or_else(|| self.star_fallback());
                    self.query.star.get_or_insert(range);
                }
                SelectItem::UnnamedExpr(expr)
                | SelectItem::ExprWithAlias { expr, .. }
                | SelectItem::ExprWithAliases { expr, .. } => {
                    if let Some((table, column)) = self.column_ref(expr) {
                        self.query.projection.push((Some(table), column));
                    }
                }
            }
        }
        self.query.group_by = match &select.group_by {
            GroupByExpr::All(_) => true,
            GroupByExpr::Expressions(list, _) => !list.is_empty(),
        };
        self.query.aggregate_only = !self.query.group_by
            && !select.projection.is_empty()
            && select.projection.iter().all(|item| match item {
                SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => {
                    is_aggregate(e)
                }
                _ => false,
            });
        if let Some(selection) = &select.selection {
            self.filter(selection);
        }
        let Some(query) = query else {
            return;
        };
        if let Some(order_by) = &query.order_by {
            if let OrderByKind::Expressions(items) = &order_by.kind {
                self.order_by(items);
            }
        }
        match &query.limit_clause {
            Some(LimitClause::LimitOffset { limit, offset, .. }) => {
                if let Some(limit) = limit {
                    let range = self.range_of(limit);
                    self.query.limit = Some(self.with_keyword(range, "limit"));
                }
                if let Some(offset) = offset {
                    if !is_zero(&offset.value) {
                        let range = self.range_of(&offset.value);
                        self.query.offset = Some(self.with_keyword(range, "offset"));
                    }
                }
            }
            Some(LimitClause::OffsetCommaLimit { offset, limit }) => {
                let limit_range = self.range_of(limit);
                self.query.limit = Some(limit_range);
                if !is_zero(offset) {
                    let range = self.range_of(offset);
                    self.query.offset =
                        Some(TextRange::new(range.start, limit_range.end.max(range.end)));
                }
            }
            None => {}
        }
        if self.query.limit.is_none() && (query.fetch.is_some() || select.top.is_some()) {
            self.query.limit = Some(self.base);
        }
    }

    fn star_fallback(&self) -> TextRange {
        self.text
            .find('*')
            .map(|i| TextRange::new(self.base.start + i, self.base.start + i + 1))
            .unwrap_or(self.base)
    }

    fn update(&mut self, update: &Update) {
        self.query.kind = QueryKind::Update;
        self.from(&update.table);
        if let Some(from) = &update.from {
            let (UpdateTableFromKind::BeforeSet(list) | UpdateTableFromKind::AfterSet(list)) = from;
            for table in list {
                self.from(table);
            }
        }
        if let Some(selection) = &update.selection {
            self.filter(selection);
        }
        self.order_by(&update.order_by);
        if let Some(limit) = &update.limit {
            self.query.limit = Some(self.range_of(limit));
        }
    }

    fn delete(&mut self, delete: &Delete) {
        self.query.kind = QueryKind::Delete;
        let (FromTable::WithFromKeyword(list) | FromTable::WithoutKeyword(list)) = &delete.from;
        for table in list {
            self.from(table);
        }
        if let Some(using) = &delete.using {
            for table in using {
                self.from(table);
            }
        }
        if let Some(selection) = &delete.selection {
            self.filter(selection);
        }
        self.order_by(&delete.order_by);
        if let Some(limit) = &delete.limit {
            self.query.limit = Some(self.range_of(limit));
        }
    }

    fn from(&mut self, from: &TableWithJoins) {
        self.relation(&from.relation);
        for join in &from.joins {
            self.relation(&join.relation);
            let (constraint, inner) = match &join.join_operator {
                JoinOperator::Join(c) | JoinOperator::Inner(c) | JoinOperator::StraightJoin(c) => {
                    (Some(c), true)
                }
                JoinOperator::Left(c)
                | JoinOperator::LeftOuter(c)
                | JoinOperator::Right(c)
                | JoinOperator::RightOuter(c)
                | JoinOperator::FullOuter(c)
                | JoinOperator::Semi(c)
                | JoinOperator::LeftSemi(c)
                | JoinOperator::RightSemi(c)
                | JoinOperator::Anti(c)
                | JoinOperator::LeftAnti(c)
                | JoinOperator::RightAnti(c) => (Some(c), false),
                _ => (None, false),
            };
            match constraint {
                Some(JoinConstraint::On(on)) => {
                    for part in names::and_parts(on) {
                        if !self.join_pair(part) && inner {
                            self.conjunct(part);
                        }
                    }
                }
                Some(JoinConstraint::Using(columns)) => {
                    let right = self.query.tables.len().saturating_sub(1);
                    if right > 0 {
                        for column in columns {
                            let name = names::object(column);
                            let range = self.at(column.span()).unwrap_or(self.base);
                            self.query.joins.push(JoinPair {
                                left: (right - 1, name.clone()),
                                right: (right, name),
                                range,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn relation(&mut self, relation: &TableFactor) {
        if let TableFactor::Table { name, alias, .. } = relation {
            let range = self.at(name.span()).unwrap_or(self.base);
            self.query.tables.push(TableRef {
                name: names::object(name),
                alias: alias.as_ref().map(|a| names::ident(&a.name)),
                range,
            });
        }
    }

    /// `a.x = b.y` across two tables: a join pair.
    fn join_pair(&mut self, expr: &Expr) -> bool {
        let Expr::BinaryOp {
            left,
            op: BinaryOperator::Eq,
            right,
        } = names::strip(expr)
        else {
            return false;
        };
        let (Some(l), Some(r)) = (self.column_ref(left), self.column_ref(right)) else {
            return false;
        };
        if l.0 == r.0 {
            return false;
        }
        let range = self.range_of(expr);
        self.query.joins.push(JoinPair {
            left: l,
            right: r,
            range,
        });
        true
    }

    fn filter(&mut self, selection: &Expr) {
        self.query.where_range = Some(self.range_of(selection));
        for part in names::and_parts(selection) {
            if !self.join_pair(part) {
                self.conjunct(part);
            }
        }
        self.likes(selection);
    }

    fn likes(&mut self, expr: &Expr) {
        match names::strip(expr) {
            Expr::BinaryOp { left, right, .. } => {
                self.likes(left);
                self.likes(right);
            }
            Expr::UnaryOp { expr, .. } => self.likes(expr),
            Expr::Like {
                negated: false,
                expr: target,
                pattern: pattern_expr,
                ..
            }
            | Expr::ILike {
                negated: false,
                expr: target,
                pattern: pattern_expr,
                ..
            } => {
                let Some(pattern) = pattern_text(pattern_expr) else {
                    return;
                };
                let column = self.column_ref(target);
                let pattern_range = self.range_of(pattern_expr);
                self.query.likes.push(LikeUse {
                    table: column.as_ref().map(|c| c.0),
                    column: column.map(|c| c.1),
                    leading_wildcard: pattern.starts_with('%') || pattern.starts_with('_'),
                    pattern: self.text[pattern_range.start - self.base.start
                        ..pattern_range.end - self.base.start]
                        .to_string(),
                    range: self.range_of(expr),
                });
            }
            _ => {}
        }
    }

    fn conjunct(&mut self, part: &Expr) {
        let normalized = names::normalize(part);
        let mut tables: Vec<usize> = Vec::new();
        self.columns_in(part, &mut |t, _| tables.push(t));
        tables.dedup();
        let owner = if tables.len() == 1 {
            Some(tables[0])
        } else {
            None
        };
        self.query.conjuncts.push((owner, normalized));
        let range = self.range_of(part);
        match part {
            Expr::BinaryOp { left, op, right } => {
                let op = match op {
                    BinaryOperator::Eq => PredicateOp::Eq,
                    BinaryOperator::Lt
                    | BinaryOperator::LtEq
                    | BinaryOperator::Gt
                    | BinaryOperator::GtEq => PredicateOp::Range,
                    _ => return,
                };
                if let Expr::Tuple(items) = names::strip(left) {
                    if op == PredicateOp::Range {
                        if let Some((table, column)) =
                            items.first().and_then(|e| self.column_ref(e))
                        {
                            self.push(table, Key::Column(column), PredicateOp::Range, range);
                        }
                    }
                    return;
                }
                if self.is_constant(right) {
                    self.side(left, op, range);
                } else if self.is_constant(left) {
                    self.side(right, op, range);
                }
            }
            Expr::Between {
                expr,
                negated: false,
                low,
                high,
            } if self.is_constant(low) && self.is_constant(high) => {
                self.side(expr, PredicateOp::Range, range);
            }
            Expr::InList {
                expr,
                negated: false,
                ..
            }
            | Expr::InSubquery {
                expr,
                negated: false,
                ..
            } => self.side(expr, PredicateOp::In, range),
            Expr::IsNull(expr) => {
                if let Some((table, column)) = self.column_ref(expr) {
                    self.push(table, Key::Column(column), PredicateOp::IsNull, range);
                }
            }
            Expr::Like {
                negated: false,
                expr,
                pattern,
                ..
            } if pattern_text(pattern)
                .is_some_and(|p| !p.starts_with('%') && !p.starts_with('_') && p.len() > 1) =>
            {
                self.side(expr, PredicateOp::Range, range);
            }
            _ => {}
        }
    }

    /// One side of a comparison against a constant: a column, or an
    /// expression over one table's columns.
    fn side(&mut self, expr: &Expr, op: PredicateOp, range: TextRange) {
        if let Some((table, column)) = self.column_ref(expr) {
            self.push(table, Key::Column(column), op, range);
            return;
        }
        let mut columns: Vec<(usize, String)> = Vec::new();
        self.columns_in(expr, &mut |t, c| columns.push((t, c)));
        let Some(&(table, _)) = columns.first() else {
            return;
        };
        if columns.iter().any(|(t, _)| *t != table) {
            return;
        }
        let key = Key::Expr(names::normalize(expr));
        let expr_range = self.range_of(expr);
        for (_, column) in &columns {
            self.query.wrapped.push(Wrapped {
                table,
                column: column.clone(),
                expr: key.clone(),
                range: expr_range,
            });
        }
        self.push(table, key, op, range);
    }

    fn push(&mut self, table: usize, key: Key, op: PredicateOp, range: TextRange) {
        self.query.predicates.push(Predicate {
            table,
            key,
            op,
            range,
        });
    }

    fn order_by(&mut self, items: &[OrderByExpr]) {
        for item in items {
            let mut range = self.range_of(&item.expr);
            let local = range.end - self.base.start;
            let rest = &self.text[local..];
            let word = rest.trim_start();
            for keyword in ["desc", "asc"] {
                let head = word.get(..keyword.len());
                if head.is_some_and(|h| h.eq_ignore_ascii_case(keyword))
                    && !word[keyword.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                {
                    range = TextRange::new(
                        range.start,
                        range.end + (rest.len() - word.len()) + keyword.len(),
                    );
                }
            }
            let resolved = self.column_ref(&item.expr);
            let (table, key) = match resolved {
                Some((t, c)) => (Some(t), Key::Column(c)),
                None => {
                    let mut tables = Vec::new();
                    self.columns_in(&item.expr, &mut |t, _| tables.push(t));
                    (tables.first().copied(), names::key(&item.expr))
                }
            };
            self.query.order_by.push(SortItem {
                table,
                key,
                desc: matches!(item.options.sort, Some(OrderBySort::Desc)),
                range,
            });
        }
    }

    /// The table and column a bare column reference names.
    fn column_ref(&self, expr: &Expr) -> Option<(usize, String)> {
        match names::strip(expr) {
            Expr::Identifier(id) => self.resolve(std::slice::from_ref(id)),
            Expr::CompoundIdentifier(parts) => self.resolve(parts),
            _ => None,
        }
    }

    fn resolve(&self, parts: &[Ident]) -> Option<(usize, String)> {
        let column = names::ident(parts.last()?);
        let tables = &self.query.tables;
        if parts.len() >= 2 {
            let qualifier = names::ident(&parts[parts.len() - 2]);
            let table = tables
                .iter()
                .position(|t| t.alias.as_deref() == Some(qualifier.as_str()))
                .or_else(|| {
                    tables
                        .iter()
                        .position(|t| t.name == qualifier && t.alias.is_none())
                })
                .or_else(|| tables.iter().position(|t| t.name == qualifier))?;
            return Some((table, column));
        }
        if NOT_COLUMNS.contains(&column.as_str()) {
            return None;
        }
        if tables.len() == 1 {
            // A defined table without that column: an output alias
            // (`ORDER BY day`) or a typo, not a column to index.
            if self
                .schema
                .table(&tables[0].name)
                .is_some_and(|def| !def.cql && def.column(&column).is_none())
            {
                return None;
            }
            return Some((0, column));
        }
        let mut owners = tables.iter().enumerate().filter(|(_, t)| {
            self.schema
                .table(&t.name)
                .is_some_and(|def| def.column(&column).is_some())
        });
        let first = owners.next()?;
        if owners.next().is_some() {
            return None;
        }
        Some((first.0, column))
    }

    fn is_constant(&self, expr: &Expr) -> bool {
        let mut any = false;
        self.columns_in(expr, &mut |_, _| any = true);
        !any
    }

    /// Every column reference inside an expression (subqueries excluded).
    fn columns_in(&self, expr: &Expr, found: &mut dyn FnMut(usize, String)) {
        match expr {
            Expr::Identifier(_) | Expr::CompoundIdentifier(_) => {
                if let Some((t, c)) = self.column_ref(expr) {
                    found(t, c);
                }
            }
            Expr::Nested(e)
            | Expr::UnaryOp { expr: e, .. }
            | Expr::Cast { expr: e, .. }
            | Expr::IsNull(e)
            | Expr::IsNotNull(e)
            | Expr::Collate { expr: e, .. }
            | Expr::Ceil { expr: e, .. }
            | Expr::Floor { expr: e, .. }
            | Expr::Extract { expr: e, .. } => self.columns_in(e, found),
            Expr::BinaryOp { left, right, .. } => {
                self.columns_in(left, found);
                self.columns_in(right, found);
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                self.columns_in(expr, found);
                self.columns_in(low, found);
                self.columns_in(high, found);
            }
            Expr::InList { expr, list, .. } => {
                self.columns_in(expr, found);
                for e in list {
                    self.columns_in(e, found);
                }
            }
            Expr::Like { expr, pattern, .. } | Expr::ILike { expr, pattern, .. } => {
                self.columns_in(expr, found);
                self.columns_in(pattern, found);
            }
            Expr::Tuple(items) => {
                for e in items {
                    self.columns_in(e, found);
                }
            }
            Expr::Substring { expr, .. } | Expr::Trim { expr, .. } => self.columns_in(expr, found),
            Expr::Function(function) => {
                if let FunctionArguments::List(list) = &function.args {
                    for arg in &list.args {
                        let (FunctionArg::Unnamed(arg)
                        | FunctionArg::Named { arg, .. }
                        | FunctionArg::ExprNamed { arg, .. }) = arg;
                        if let FunctionArgExpr::Expr(e) = arg {
                            self.columns_in(e, found);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_aggregate(expr: &Expr) -> bool {
    match names::strip(expr) {
        Expr::Function(f) => matches!(
            names::object(&f.name).as_str(),
            "count" | "sum" | "avg" | "min" | "max" | "bool_and" | "bool_or" | "every"
        ),
        _ => false,
    }
}

fn is_zero(expr: &Expr) -> bool {
    matches!(names::strip(expr), Expr::Value(v) if v.value.to_string() == "0")
}

/// The literal text of a LIKE pattern, following `'%' || $1 || '%'`.
fn pattern_text(pattern: &Expr) -> Option<String> {
    match names::strip(pattern) {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s)
            | Value::DoubleQuotedString(s)
            | Value::EscapedStringLiteral(s) => Some(s.clone()),
            Value::Placeholder(_) => None,
            _ => None,
        },
        Expr::BinaryOp {
            left,
            op: BinaryOperator::StringConcat,
            ..
        } => {
            // Only the start matters for index use.
            let head = pattern_text(left)?;
            Some(format!("{head}…"))
        }
        Expr::Function(f) if names::object(&f.name) == "concat" => {
            if let FunctionArguments::List(list) = &f.args {
                if let Some(FunctionArg::Unnamed(FunctionArgExpr::Expr(first))) = list.args.first()
                {
                    return pattern_text(first).map(|h| format!("{h}…"));
                }
            }
            None
        }
        _ => None,
    }
}
