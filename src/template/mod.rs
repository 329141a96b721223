//! Note kinds as data: the template model, its layout language and loading.

pub mod layout;
mod load;
mod model;
pub mod placeholder;

pub use load::{Loaded, Templates, parse_template};
pub use model::{Choice, ChoiceSource, Field, FieldKind, Sentence, Source, Template};
