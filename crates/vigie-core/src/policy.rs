//! Who may do what. Every route asks one of these before acting; the authorization
//! matrix test in `vigie-web` walks them all.

use crate::Role;
use crate::ids::OrgId;

/// Create organizations and accounts, disable them, reset passwords.
pub fn can_manage_accounts(role: Role) -> bool {
    role == Role::Admin
}

/// See the list of organizations and accounts of the whole network.
pub fn can_view_network(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator)
}

/// See data that belongs to organization `org`.
pub fn can_view_org(role: Role, own_org: OrgId, org: OrgId) -> bool {
    can_view_network(role) || own_org == org
}

/// See detected campaigns and the observations behind them (public posts): every member.
pub fn can_view_campaigns(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator | Role::Responder)
}

/// Import observations and run campaign detection for the whole network.
pub fn can_run_detection(role: Role) -> bool {
    can_view_network(role)
}

/// See the network watch (countries, events, alerts, disruptions) and subscribe to
/// alerts: every member.
pub fn can_view_watch(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator | Role::Responder)
}

/// Confirm, edit and reject disruptions, enter them by hand, import measurements and
/// edit the probes' target list: coordinators and admins.
pub fn can_manage_watch(role: Role) -> bool {
    can_view_network(role)
}

/// Issue enrolment tokens for probes and revoke probes: admins.
pub fn can_enrol_probes(role: Role) -> bool {
    role == Role::Admin
}

/// Read the network's directory (people's skills and languages, organizations' focus):
/// every member; contact details stay sealed to each one's organization.
pub fn can_view_directory(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator | Role::Responder)
}

/// Edit the organization's directory entry and its on-call rota.
pub fn can_manage_org_network(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Coordinator)
}

/// See and act on the job queue and the deliveries' answers.
pub fn can_manage_jobs(role: Role) -> bool {
    role == Role::Admin
}

/// Edit the guides of the knowledge library and see their history: admins.
pub fn can_edit_guides(role: Role) -> bool {
    role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responders_see_only_their_organization() {
        assert!(can_view_org(Role::Responder, OrgId(1), OrgId(1)));
        assert!(!can_view_org(Role::Responder, OrgId(1), OrgId(2)));
        assert!(can_view_org(Role::Coordinator, OrgId(1), OrgId(2)));
        assert!(!can_manage_accounts(Role::Coordinator));
        assert!(can_manage_accounts(Role::Admin));
    }
}
