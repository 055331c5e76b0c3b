//! The prose pipeline shared by every rule that reads sentences:
//!
//! 1. the document model splits prose into sentences with source ranges;
//! 2. [`Lexicon`]s find whole-word phrases (aho-corasick, compiled once);
//! 3. [`scope`] relates a match to its feature (the section it belongs to);
//! 4. [`polarity`] decides whether the sentence asserts what it says, or
//!    negates, questions, rejects or merely explains it.
//!
//! Rules combine these into decisions; none of them re-parses the document.

pub mod lexicon;
pub mod polarity;
pub mod scope;

pub use lexicon::{Lexicon, WordMatch};
pub use polarity::Polarity;
