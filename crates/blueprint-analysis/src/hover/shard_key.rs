//! Hover provider (see the module docs of [`super`]). Not yet implemented:
//! answers nothing.

use super::Hover;
use crate::Analysis;

pub(super) fn hover(_analysis: &Analysis, _offset: usize) -> Option<Hover> {
    None
}
