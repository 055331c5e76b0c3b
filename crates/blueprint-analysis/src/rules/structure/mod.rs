//! `structure/*`: does the doc have a foundation?

mod missing_capacity_estimate;
mod unjustified_technology;
pub use missing_capacity_estimate::MissingCapacityEstimate;
pub use unjustified_technology::UnjustifiedTechnology;
mod missing_data_model;
mod missing_requirements;

pub use missing_data_model::MissingDataModel;
pub use missing_requirements::MissingRequirements;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &MissingDataModel,
    &MissingRequirements,
    &MissingCapacityEstimate,
    &UnjustifiedTechnology,
];
