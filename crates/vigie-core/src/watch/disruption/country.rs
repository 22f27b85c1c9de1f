//! Countries: the name as written and, when Vigie knows it, the ISO 3166-1 alpha-2 code.
//!
//! STOP names countries as the ISO 3166 / UN English short names do ("Iran (Islamic
//! Republic of)", "Viet Nam") with a few common names ("Turkey", "North Korea"). Both
//! are recognised, ignoring case. A name with no code ("Somaliland") is kept and
//! reported, never dropped.

use serde::{Deserialize, Serialize};

/// Two upper-case ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_uppercase())).then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).ok_or_else(|| format!("not an ISO 3166-1 alpha-2 code: {raw:?}"))
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> Self {
        code.0
    }
}

/// A country as written in the record, with its code when known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Country {
    pub name: String,
    pub code: Option<CountryCode>,
}

impl Country {
    /// The name kept verbatim; the code looked up from it.
    pub fn from_name(name: &str) -> Self {
        Self { name: name.to_owned(), code: code_of(name) }
    }

    /// A country chosen by code (a form, a detected event): STOP's name for it.
    pub fn from_code(code: &CountryCode) -> Option<Self> {
        NAMES.iter().find(|(c, _)| *c == code.as_str()).map(|(_, name)| Self::from_name(name))
    }
}

/// The code for a country name, ignoring case and surrounding spaces.
pub fn code_of(name: &str) -> Option<CountryCode> {
    let name = name.trim();
    NAMES
        .iter()
        .chain(ALIASES)
        .find(|(_, n)| n.to_lowercase() == name.to_lowercase())
        .and_then(|(code, _)| CountryCode::parse(code))
}

/// ISO 3166-1: code and English short name, as STOP writes them.
#[rustfmt::skip]
const NAMES: &[(&str, &str)] = &[
    ("AF", "Afghanistan"), ("AX", "Åland Islands"), ("AL", "Albania"), ("DZ", "Algeria"),
    ("AS", "American Samoa"), ("AD", "Andorra"), ("AO", "Angola"), ("AI", "Anguilla"), ("AQ", "Antarctica"),
    ("AG", "Antigua and Barbuda"), ("AR", "Argentina"), ("AM", "Armenia"), ("AW", "Aruba"), ("AU", "Australia"),
    ("AT", "Austria"), ("AZ", "Azerbaijan"), ("BS", "Bahamas"), ("BH", "Bahrain"), ("BD", "Bangladesh"),
    ("BB", "Barbados"), ("BY", "Belarus"), ("BE", "Belgium"), ("BZ", "Belize"), ("BJ", "Benin"), ("BM", "Bermuda"),
    ("BT", "Bhutan"), ("BO", "Bolivia (Plurinational State of)"), ("BQ", "Bonaire, Sint Eustatius and Saba"),
    ("BA", "Bosnia and Herzegovina"), ("BW", "Botswana"), ("BV", "Bouvet Island"), ("BR", "Brazil"),
    ("IO", "British Indian Ocean Territory"), ("BN", "Brunei Darussalam"), ("BG", "Bulgaria"),
    ("BF", "Burkina Faso"), ("BI", "Burundi"), ("CV", "Cabo Verde"), ("KH", "Cambodia"), ("CM", "Cameroon"),
    ("CA", "Canada"), ("KY", "Cayman Islands"), ("CF", "Central African Republic"), ("TD", "Chad"),
    ("CL", "Chile"), ("CN", "China"), ("CX", "Christmas Island"), ("CC", "Cocos (Keeling) Islands"),
    ("CO", "Colombia"), ("KM", "Comoros"), ("CG", "Congo"), ("CD", "Congo (Democratic Republic of the)"),
    ("CK", "Cook Islands"), ("CR", "Costa Rica"), ("CI", "Côte d'Ivoire"), ("HR", "Croatia"), ("CU", "Cuba"),
    ("CW", "Curaçao"), ("CY", "Cyprus"), ("CZ", "Czechia"), ("DK", "Denmark"), ("DJ", "Djibouti"),
    ("DM", "Dominica"), ("DO", "Dominican Republic"), ("EC", "Ecuador"), ("EG", "Egypt"), ("SV", "El Salvador"),
    ("GQ", "Equatorial Guinea"), ("ER", "Eritrea"), ("EE", "Estonia"), ("SZ", "Eswatini"), ("ET", "Ethiopia"),
    ("FK", "Falkland Islands (Malvinas)"), ("FO", "Faroe Islands"), ("FJ", "Fiji"), ("FI", "Finland"),
    ("FR", "France"), ("GF", "French Guiana"), ("PF", "French Polynesia"), ("TF", "French Southern Territories"),
    ("GA", "Gabon"), ("GM", "Gambia"), ("GE", "Georgia"), ("DE", "Germany"), ("GH", "Ghana"), ("GI", "Gibraltar"),
    ("GR", "Greece"), ("GL", "Greenland"), ("GD", "Grenada"), ("GP", "Guadeloupe"), ("GU", "Guam"),
    ("GT", "Guatemala"), ("GG", "Guernsey"), ("GN", "Guinea"), ("GW", "Guinea-Bissau"), ("GY", "Guyana"),
    ("HT", "Haiti"), ("HM", "Heard Island and McDonald Islands"), ("VA", "Holy See"), ("HN", "Honduras"),
    ("HK", "Hong Kong"), ("HU", "Hungary"), ("IS", "Iceland"), ("IN", "India"), ("ID", "Indonesia"),
    ("IR", "Iran (Islamic Republic of)"), ("IQ", "Iraq"), ("IE", "Ireland"), ("IM", "Isle of Man"),
    ("IL", "Israel"), ("IT", "Italy"), ("JM", "Jamaica"), ("JP", "Japan"), ("JE", "Jersey"), ("JO", "Jordan"),
    ("KZ", "Kazakhstan"), ("KE", "Kenya"), ("KI", "Kiribati"), ("KP", "Korea (Democratic People's Republic of)"),
    ("KR", "Korea (Republic of)"), ("KW", "Kuwait"), ("KG", "Kyrgyzstan"),
    ("LA", "Lao People's Democratic Republic"), ("LV", "Latvia"), ("LB", "Lebanon"), ("LS", "Lesotho"),
    ("LR", "Liberia"), ("LY", "Libya"), ("LI", "Liechtenstein"), ("LT", "Lithuania"), ("LU", "Luxembourg"),
    ("MO", "Macao"), ("MG", "Madagascar"), ("MW", "Malawi"), ("MY", "Malaysia"), ("MV", "Maldives"),
    ("ML", "Mali"), ("MT", "Malta"), ("MH", "Marshall Islands"), ("MQ", "Martinique"), ("MR", "Mauritania"),
    ("MU", "Mauritius"), ("YT", "Mayotte"), ("MX", "Mexico"), ("FM", "Micronesia (Federated States of)"),
    ("MD", "Moldova (Republic of)"), ("MC", "Monaco"), ("MN", "Mongolia"), ("ME", "Montenegro"),
    ("MS", "Montserrat"), ("MA", "Morocco"), ("MZ", "Mozambique"), ("MM", "Myanmar"), ("NA", "Namibia"),
    ("NR", "Nauru"), ("NP", "Nepal"), ("NL", "Netherlands"), ("NC", "New Caledonia"), ("NZ", "New Zealand"),
    ("NI", "Nicaragua"), ("NE", "Niger"), ("NG", "Nigeria"), ("NU", "Niue"), ("NF", "Norfolk Island"),
    ("MK", "North Macedonia"), ("MP", "Northern Mariana Islands"), ("NO", "Norway"), ("OM", "Oman"),
    ("PK", "Pakistan"), ("PW", "Palau"), ("PS", "Palestine, State of"), ("PA", "Panama"),
    ("PG", "Papua New Guinea"), ("PY", "Paraguay"), ("PE", "Peru"), ("PH", "Philippines"), ("PN", "Pitcairn"),
    ("PL", "Poland"), ("PT", "Portugal"), ("PR", "Puerto Rico"), ("QA", "Qatar"), ("RE", "Réunion"),
    ("RO", "Romania"), ("RU", "Russian Federation"), ("RW", "Rwanda"), ("BL", "Saint Barthélemy"),
    ("SH", "Saint Helena, Ascension and Tristan da Cunha"), ("KN", "Saint Kitts and Nevis"),
    ("LC", "Saint Lucia"), ("MF", "Saint Martin (French part)"), ("PM", "Saint Pierre and Miquelon"),
    ("VC", "Saint Vincent and the Grenadines"), ("WS", "Samoa"), ("SM", "San Marino"),
    ("ST", "Sao Tome and Principe"), ("SA", "Saudi Arabia"), ("SN", "Senegal"), ("RS", "Serbia"),
    ("SC", "Seychelles"), ("SL", "Sierra Leone"), ("SG", "Singapore"), ("SX", "Sint Maarten (Dutch part)"),
    ("SK", "Slovakia"), ("SI", "Slovenia"), ("SB", "Solomon Islands"), ("SO", "Somalia"), ("ZA", "South Africa"),
    ("GS", "South Georgia and the South Sandwich Islands"), ("SS", "South Sudan"), ("ES", "Spain"),
    ("LK", "Sri Lanka"), ("SD", "Sudan"), ("SR", "Suriname"), ("SJ", "Svalbard and Jan Mayen"), ("SE", "Sweden"),
    ("CH", "Switzerland"), ("SY", "Syrian Arab Republic"), ("TW", "Taiwan, Province of China"),
    ("TJ", "Tajikistan"), ("TZ", "Tanzania, United Republic of"), ("TH", "Thailand"), ("TL", "Timor-Leste"),
    ("TG", "Togo"), ("TK", "Tokelau"), ("TO", "Tonga"), ("TT", "Trinidad and Tobago"), ("TN", "Tunisia"),
    ("TR", "Türkiye"), ("TM", "Turkmenistan"), ("TC", "Turks and Caicos Islands"), ("TV", "Tuvalu"),
    ("UG", "Uganda"), ("UA", "Ukraine"), ("AE", "United Arab Emirates"),
    ("GB", "United Kingdom of Great Britain and Northern Ireland"), ("US", "United States of America"),
    ("UM", "United States Minor Outlying Islands"), ("UY", "Uruguay"), ("UZ", "Uzbekistan"), ("VU", "Vanuatu"),
    ("VE", "Venezuela (Bolivarian Republic of)"), ("VN", "Viet Nam"), ("VG", "Virgin Islands (British)"),
    ("VI", "Virgin Islands (U.S.)"), ("WF", "Wallis and Futuna"), ("EH", "Western Sahara"), ("YE", "Yemen"),
    ("ZM", "Zambia"), ("ZW", "Zimbabwe"),
];

/// Common names that STOP and reporters use for the same codes.
#[rustfmt::skip]
const ALIASES: &[(&str, &str)] = &[
    ("BO", "Bolivia"), ("CD", "Democratic Republic of the Congo"), ("CD", "DRC"), ("CG", "Republic of the Congo"),
    ("CI", "Cote d'Ivoire"), ("CI", "Ivory Coast"), ("CZ", "Czech Republic"), ("SZ", "Swaziland"),
    ("IR", "Iran"), ("KP", "North Korea"), ("KR", "South Korea"), ("LA", "Laos"), ("MD", "Moldova"),
    ("MK", "Macedonia"), ("PS", "Palestine"), ("RU", "Russia"), ("SY", "Syria"), ("TW", "Taiwan"),
    ("TZ", "Tanzania"), ("TR", "Turkey"), ("GB", "United Kingdom"), ("GB", "UK"), ("US", "United States"),
    ("US", "USA"), ("VE", "Venezuela"), ("VN", "Vietnam"), ("CV", "Cape Verde"), ("MM", "Burma"),
    ("XK", "Kosovo"), ("BN", "Brunei"), ("FM", "Micronesia"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str) -> Option<String> {
        code_of(name).map(|c| c.as_str().to_owned())
    }

    #[test]
    fn stop_s_names_have_their_iso_codes() {
        assert_eq!(code("Iran (Islamic Republic of)").as_deref(), Some("IR"));
        assert_eq!(code("Congo (Democratic Republic of the)").as_deref(), Some("CD"));
        assert_eq!(code("Tanzania, United Republic of").as_deref(), Some("TZ"));
        assert_eq!(code("Côte d'Ivoire").as_deref(), Some("CI"));
        assert_eq!(code("Turkey").as_deref(), Some("TR"));
        assert_eq!(code("North Korea").as_deref(), Some("KP"));
        assert_eq!(code("United Kingdom").as_deref(), Some("GB"));
        assert_eq!(code(" india ").as_deref(), Some("IN"));
    }

    #[test]
    fn a_territory_without_a_code_is_kept_by_name() {
        let somaliland = Country::from_name("Somaliland");
        assert_eq!(somaliland.name, "Somaliland");
        assert_eq!(somaliland.code, None);
    }

    #[test]
    fn every_code_is_well_formed_and_named_once() {
        let mut codes: Vec<&str> = NAMES.iter().map(|(c, _)| *c).collect();
        assert!(codes.iter().chain(ALIASES.iter().map(|(c, _)| c)).all(|c| CountryCode::parse(c).is_some()));
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "a code is listed twice");
        assert_eq!(n, 249);
    }

    #[test]
    fn a_country_chosen_by_code_gets_stop_s_name() {
        let pk = Country::from_code(&CountryCode::parse("PK").unwrap()).unwrap();
        assert_eq!(pk.name, "Pakistan");
        assert_eq!(CountryCode::parse("pk"), None);
    }
}
