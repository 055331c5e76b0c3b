//! `query/*`: query shapes that hurt.

mod function_on_column;
mod leading_wildcard;
mod n_plus_one;
mod offset_pagination;
mod select_star;
mod unbounded_select;

pub use function_on_column::FunctionOnColumn;
pub use leading_wildcard::LeadingWildcard;
pub use n_plus_one::NPlusOne;
pub use offset_pagination::OffsetPagination;
pub use select_star::SelectStar;
pub use unbounded_select::UnboundedSelect;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &LeadingWildcard,
    &FunctionOnColumn,
    &SelectStar,
    &OffsetPagination,
    &UnboundedSelect,
    &NPlusOne,
];
