//! The web layer over real HTTP: each test starts the server on 127.0.0.1:0 with a
//! fake clock and a fresh store, and drives it with an HTTP client.

mod harness;

mod accountability;
mod api;
mod api_cases;
mod authz;
mod campaigns;
mod cases;
mod escalation_journey;
mod escalation_packages;
mod escalations;
mod escalations_api;
mod evidence;
mod files;
mod journey;
mod knowledge;
mod languages;
mod peers;
mod rapid_response;
mod report;
mod second_look;
mod security;
mod sharing;
mod subscriptions;
mod watch;
