//! The author's role, which decides the note kinds offered first.

use serde::{Deserialize, Serialize};

/// The roles the guidance names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// FastTrack Manager.
    Fm,
    /// FE / SME / GMFTA / MVM.
    FeSme,
    /// FastTrack Architect.
    Architect,
    /// Gateway Manager.
    GatewayManager,
    /// Adoption SME.
    AdoptionSme,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Fm,
        Role::FeSme,
        Role::Architect,
        Role::GatewayManager,
        Role::AdoptionSme,
    ];

    /// The id used in config and templates.
    pub fn id(self) -> &'static str {
        match self {
            Role::Fm => "fm",
            Role::FeSme => "fe-sme",
            Role::Architect => "architect",
            Role::GatewayManager => "gateway-manager",
            Role::AdoptionSme => "adoption-sme",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}
