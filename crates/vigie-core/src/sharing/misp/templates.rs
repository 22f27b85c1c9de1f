//! The misp-objects templates Vigie writes, with the uuid and version MISP checks an
//! object against (copied from the templates PyMISP 2.5 ships, `data/misp-objects`).

/// What an object says about its template.
pub(crate) struct Template {
    pub name: &'static str,
    pub uuid: &'static str,
    pub version: u32,
    pub meta_category: &'static str,
    pub description: &'static str,
    /// For account templates: the relation that holds the account's name.
    pub name_relation: &'static str,
    /// For account templates: Vigie's platform name.
    pub platform: &'static str,
}

const fn account(
    name: &'static str,
    uuid: &'static str,
    version: u32,
    description: &'static str,
    name_relation: &'static str,
    platform: &'static str,
) -> Template {
    Template { name, uuid, version, meta_category: "misc", description, name_relation, platform }
}

/// The account templates by platform; `user-account` (last) takes the others.
pub(crate) const ACCOUNTS: [Template; 7] = [
    account("twitter-account", "8066563f-881e-4f6a-9d6c-a9d15b8658bb", 7, "Twitter account.", "name", "x"),
    account(
        "facebook-account",
        "b9862b95-7d78-4938-a2b5-13e45c60f25a",
        1,
        "Facebook account.",
        "account-name",
        "facebook",
    ),
    account(
        "telegram-account",
        "06f02ecf-5afb-42c5-9cb0-b362e222f52c",
        2,
        "Information related to a telegram account",
        "username",
        "telegram",
    ),
    account(
        "instagram-account",
        "656ced16-23f3-4322-925d-c9c961684999",
        1,
        "Instagram account.",
        "account-name",
        "instagram",
    ),
    account("reddit-account", "6802f885-2003-494a-b234-61aadce62731", 2, "Reddit account.", "account-name", "reddit"),
    account(
        "youtube-channel",
        "cb9f492b-9930-4388-98e1-5d0cdcfa51df",
        1,
        "A YouTube channel.",
        "channel-name",
        "youtube",
    ),
    account(
        "user-account",
        "49606b06-22f0-4ac8-8eee-2f12ad46f3d3",
        6,
        "User-account object, defining aspects of user identification, authentication, privileges and other relevant \
         data points.",
        "username",
        "",
    ),
];

pub(crate) const MICROBLOG: Template = Template {
    name: "microblog",
    uuid: "8ec8c911-ddbe-4f5b-895b-fbff70c42a60",
    version: 20,
    meta_category: "misc",
    description: "Microblog post like a Twitter tweet or a post on a Facebook wall.",
    name_relation: "",
    platform: "",
};

pub(crate) const ASN: Template = Template {
    name: "asn",
    uuid: "4ec55cc6-9e49-4c64-b794-03c25c1a6587",
    version: 6,
    meta_category: "network",
    description: "Autonomous system object describing an autonomous system which can include one or more network \
                  operators managing an entity (e.g. ISP) along with their routing policy, routing prefixes or alike.",
    name_relation: "",
    platform: "",
};

pub(crate) const ANNOTATION: Template = Template {
    name: "annotation",
    uuid: "5d8dc046-15a1-4ca3-a09f-ed4ede7c4487",
    version: 3,
    meta_category: "misc",
    description: "An annotation object allowing analysts to add annotations, comments, executive summary to a MISP \
                  event, objects or attributes.",
    name_relation: "",
    platform: "",
};

/// The template for an account of this (normalised) platform.
pub(crate) fn account_template(platform: &str) -> &'static Template {
    ACCOUNTS.iter().find(|t| t.platform == platform).unwrap_or(&ACCOUNTS[ACCOUNTS.len() - 1])
}

/// The account template of this object name, if it is one.
pub(crate) fn account_by_name(name: &str) -> Option<&'static Template> {
    ACCOUNTS.iter().find(|t| t.name == name)
}
