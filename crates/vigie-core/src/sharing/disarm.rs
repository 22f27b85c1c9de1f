//! The DISARM techniques Vigie names in MISP galaxy tags.
//!
//! A MISP galaxy tag carries the cluster's *name*, not its id
//! (`misp-galaxy:disarm-techniques="Flood Information Space"`), so a tag can only be
//! written for a technique whose name is known. The table holds the techniques of
//! harassment and coordinated inauthentic behaviour, copied from MISP's galaxy
//! (`clusters/disarm-techniques.json` of MISP/misp-galaxy); others are still exported to
//! STIX (an attack pattern with the DISARM id) but get no MISP tag.

use super::TechniqueId;

/// The galaxy of DISARM techniques, as MISP names it in tags.
pub(crate) const GALAXY_TAG_PREFIX: &str = "misp-galaxy:disarm-techniques=\"";

const TECHNIQUES: &[(&str, &str)] = &[
    ("T0007", "Create Inauthentic Social Media Pages and Groups"),
    ("T0015", "Create Hashtags and Search Artefacts"),
    ("T0048", "Harass"),
    ("T0048.001", "Boycott/\"Cancel\" Opponents"),
    ("T0048.002", "Harass People Based on Identities"),
    ("T0048.003", "Threaten to Dox"),
    ("T0048.004", "Dox"),
    ("T0049", "Flood Information Space"),
    ("T0049.001", "Trolls Amplify and Manipulate"),
    ("T0049.003", "Bots Amplify via Automated Forwarding and Reposting"),
    ("T0049.005", "Conduct Swarming"),
    ("T0086", "Develop Image-Based Content"),
    ("T0086.001", "Develop Memes"),
    ("T0086.002", "Develop AI-Generated Images (Deepfakes)"),
    ("T0090", "Create Inauthentic Accounts"),
    ("T0092", "Build Network"),
    ("T0104", "Social Networks"),
    ("T0115", "Post Content"),
    ("T0116", "Comment or Reply on Content"),
    ("T0118", "Amplify Existing Narrative"),
    ("T0119", "Cross-Posting"),
    ("T0121", "Manipulate Platform Algorithm"),
    ("T0124", "Suppress Opposition"),
    ("T0125", "Platform Filtering"),
    ("T0135", "Undermine"),
];

/// The DISARM name of a technique, when Vigie knows it.
pub fn technique_name(id: &TechniqueId) -> Option<&'static str> {
    TECHNIQUES.iter().find(|(i, _)| *i == id.as_str()).map(|(_, name)| *name)
}

/// The MISP galaxy tag of a technique, when its name is known.
pub(crate) fn galaxy_tag(id: &TechniqueId) -> Option<String> {
    technique_name(id).map(|name| format!("{GALAXY_TAG_PREFIX}{name}\""))
}

/// The technique a galaxy tag names, when Vigie knows the name.
pub(crate) fn from_galaxy_tag(tag: &str) -> Option<TechniqueId> {
    let name = tag.strip_prefix(GALAXY_TAG_PREFIX)?.strip_suffix('"')?;
    TECHNIQUES.iter().find(|(_, n)| *n == name).and_then(|(id, _)| TechniqueId::parse(id).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_technique_has_a_valid_id_and_a_tag_that_reads_back() {
        for (id, _) in TECHNIQUES {
            let id = TechniqueId::parse(id).unwrap();
            let tag = galaxy_tag(&id).unwrap();
            assert_eq!(from_galaxy_tag(&tag), Some(id));
        }
        assert_eq!(galaxy_tag(&TechniqueId::parse("T9999").unwrap()), None);
        assert_eq!(from_galaxy_tag("misp-galaxy:disarm-techniques=\"Unheard Of\""), None);
    }
}
