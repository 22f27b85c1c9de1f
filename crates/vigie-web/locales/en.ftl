# Vigie — English

## Navigation and layout
nav-label = Main menu
nav-languages = Languages
nav-home = Home
nav-org = My organization
nav-users = Accounts
nav-orgs = Organizations
nav-account = My account
nav-logout = Log out
footer-tagline = Vigie — a lookout for digital human rights defenders' networks.

## Errors
error-title = Something went wrong
error-home = Back to the home page
error-code = Error code:
error-not-found = This page does not exist, or you may not see it.
error-forbidden = You are not allowed to do this.
error-unauthorized = You need to log in, or your access token is missing or invalid.
error-csrf = This form has expired or did not come from this site. Go back, reload the page and try again.
error-bad-request = The request could not be read. Check the form and try again.
error-method = This address does not accept this kind of request.
error-too-large = What you sent is too large.
error-throttled = Too many attempts. Please wait before trying again.
error-retry-after = { $minutes ->
    [one] Try again in { $minutes } minute.
   *[other] Try again in { $minutes } minutes.
}
error-internal = An internal error occurred. Nothing was lost; please try again in a moment.
error-key-locked = Your organization's key is not open in this session: log in again with your password. A new member waits until a colleague of the organization logs in.

## Validation problems
problem-role-unknown = Choose admin, coordinator or responder.
problem-username-length = A username has 3 to 64 characters.
problem-username-chars = Use only letters a–z, digits, dot, dash and underscore.
problem-empty = This field is required.
problem-too-long = This is too long.
problem-control-chars = This contains characters that are not allowed.
problem-slug-format = Use 2 to 40 characters among a–z, 0–9 and dashes.
problem-password-short = The password needs at least 10 characters. A sentence you remember is best.
problem-password-mismatch = The two passwords are different.
problem-wrong-password = This password is wrong.
problem-self-disable = You cannot disable your own account.
problem-last-admin = The last administrator cannot be disabled.
problem-account-disabled = This account is disabled.
problem-token-name = Give the token a name of 1 to 100 characters.
problem-recovery-key = The recovery key does not open this organization's key.
conflict-username = This username is already taken.
conflict-slug = This short name is already used by another organization.
conflict-other = This already exists.

## Roles and keys
role-admin = Administrator
role-coordinator = Coordinator
role-responder = Responder
key-held = holds the key
key-pending = waiting for the key
key-granted = key granted, active at next login
key-none = no key

## Form fields
field-org = Organization
field-org-name = Organization name
field-org-slug = Short name (in addresses)
field-display-name = Name shown to colleagues
field-username = Username
field-password = Password
field-password-confirm = Password again
field-current-password = Current password
field-new-password = New password
field-initial-password = Initial password
field-role = Role
hint-org-slug = For example ligue-benin: letters a–z, digits and dashes.
hint-username = Not your legal name: usernames are not encrypted.
hint-password = At least 10 characters. This password also protects your organization's key.

## Setup
setup-title = Set up Vigie
setup-intro = Create the first organization of the network and its administrator account.
setup-org-legend = The organization
setup-admin-legend = The administrator
setup-submit = Create
setup-link-invalid = This setup link is invalid, already used or expired. Restart the server to print a new one.
setup-done-already = This server is already set up.
setup-done-title = Vigie is ready
setup-go-login = Log in

## Recovery key
recovery-title = The organization's recovery key
recovery-once = Write it down now: it is shown only once and the server does not keep it.
recovery-explain = If every member forgets their password, this key is the only way to open the organization's protected data again.
recovery-keep-1 = Print it or write it on paper, and keep it somewhere safe, away from the server.
recovery-keep-2 = Do not send it by e-mail or chat, and do not store it on the server.
recovery-keep-3 = Anyone who holds it and a copy of the database can read the organization's data.

## Login
login-title = Log in
login-submit = Log in
login-failed = Unknown account or wrong password.
login-throttled = Too many failed attempts for this account. { $minutes ->
    [one] Try again in { $minutes } minute.
   *[other] Try again in { $minutes } minutes.
}
login-needs-setup = This server is not set up yet: open the setup link printed by the server when it started.
login-password-changed = Your password was changed. Log in with the new one.
login-logged-out = You are logged out.

## Home
home-title = Home
home-welcome = Welcome, { $name }
home-you-are = You are { $role } at { $org }.
home-key-unlocked = Your organization's key is open for this session: you can read its protected data.
home-key-locked = Your organization's key is not open in this session. If you are a new member, it will be given to you when a colleague logs in; then log in again.

## Organization
org-slug = Short name
org-public-key = Public key
org-contacts-title = Emergency contacts
org-contacts-explain = Encrypted with the organization's key: only its members can read them, even if the server is seized.
org-contacts-label = Who to call in an emergency, and how
org-contacts-save = Save

## Account
account-title = My account
account-password-title = Change my password
account-password-explain = Your organization's key is re-protected with the new password. All your sessions end and all your API tokens are revoked; log in again afterwards, and create new tokens if your tools need them.
account-password-submit = Change password
tokens-title = API tokens
tokens-explain = For scripts and other tools. A token acts with your role, but never opens encrypted data. Changing your password (or an admin setting a new one) revokes every token.
tokens-name = Token name
tokens-status = Status
tokens-active = active
tokens-revoked = revoked
tokens-none = You have no API token.
tokens-create = Create a token
tokens-revoke = Revoke
tokens-shown-once = Copy this token now: it is shown only once.

## Administration
users-title = Accounts
users-key = Key
users-status = Status
users-actions = Actions
users-active = active
users-disabled = disabled
users-disable = Disable
users-reset-password = Reset password
users-add-title = Add an account
users-add-explain = A member added to another organization than yours waits for the key until a colleague of that organization logs in.
users-add-submit = Add
users-added = Account { $username } added ({ $key }).
users-password-reset = Password reset ({ $key }).
users-back = Back to accounts
orgs-title = Organizations
orgs-add-title = Add an organization
orgs-add-submit = Create the organization
orgs-back = Back to organizations
problem-unknown-choice = Choose one of the offered answers.
problem-receipt-format = This is not a receipt code: 16 letters and digits, like 4F7K-9QX2-M3HD-P8WA.

## Reporting channel (public)
report-title = Form
report-heading = Ask the network for help
report-intro = Tell us what is happening to you or to someone you know. You do not need an account. Answer what you can: only the kind of attack and your own description are required.
report-receiver = Your message goes to:
report-quick-exit = Leave quickly
report-what = What happened? (choose all that apply)
report-platforms = Where did it happen?
report-description = What happened, in your own words
report-description-hint = Who, what, when. Do not put your password here.
report-links = Links to the posts or accounts involved
report-links-hint = One link per line.
report-since = Since when?
report-ongoing = Is it still going on?
report-yes = Yes
report-no = No
report-target = Who is targeted?
report-risk = Are you in danger? (tick what is true)
report-country = Country
report-country-none = Other, or I prefer not to say
report-contact = How can we contact you?
report-contact-address = Address, number or Signal username
report-contact-language = In which language?
report-consent = I agree that my report may be shared with partner organizations of the network.
report-honeypot = Leave this field empty
report-sealed-note = What you write is encrypted as soon as it arrives: only the organization that receives it can read it.
report-submit = Send
report-refused-address = Too many reports were sent from your connection in the last hour. { $minutes ->
    [one] Please try again in { $minutes } minute.
   *[other] Please try again in { $minutes } minutes.
}
report-refused-global = The help desk is receiving too many reports right now. { $minutes ->
    [one] Please try again in { $minutes } minute; nothing has been saved.
   *[other] Please try again in { $minutes } minutes; nothing has been saved.
}
incident-harassment = Online harassment
incident-threats = Threats of violence
incident-doxing = My personal data was exposed (doxing)
incident-defamation = Defamation or smear campaign
incident-hate_speech = Hate speech
incident-sexual_abuse = Sexual harassment, intimate images or deepfakes
incident-impersonation = Impersonation or fake account
incident-account_compromise = Someone took over my account
incident-spyware = My phone or computer is compromised (spyware)
incident-phishing = Phishing (a fake message asking for my passwords)
incident-surveillance = Surveillance
incident-censorship = Censorship or content removal
incident-blocking = A website or account is blocked
incident-shutdown = Internet shutdown or slowdown
incident-legal_harassment = Legal or judicial harassment for my online activity
incident-other = Something else
platform-facebook = Facebook
platform-instagram = Instagram
platform-whatsapp = WhatsApp
platform-x = X (Twitter)
platform-telegram = Telegram
platform-tiktok = TikTok
platform-youtube = YouTube
platform-other = Another website or app
platform-offline = Not online
target-myself = Me
target-someone_else = Someone else
target-organization = An organization
risk-physical_threat = I received threats of physical harm
risk-address_exposed = My home address or my family were exposed
risk-intimate_images = Intimate images of me are involved
risk-account_controlled = The attacker still controls one of my accounts
contact-none = Do not contact me
contact-email = E-mail
contact-signal = Signal
contact-phone = Phone
country-BJ = Benin
country-BF = Burkina Faso
country-CM = Cameroon
country-CV = Cabo Verde
country-CI = Côte d'Ivoire
country-DZ = Algeria
country-EG = Egypt
country-GH = Ghana
country-GM = The Gambia
country-GN = Guinea
country-GW = Guinea-Bissau
country-IQ = Iraq
country-JO = Jordan
country-LB = Lebanon
country-LR = Liberia
country-LY = Libya
country-MA = Morocco
country-ML = Mali
country-MR = Mauritania
country-NE = Niger
country-NG = Nigeria
country-PS = Palestine
country-SD = Sudan
country-SL = Sierra Leone
country-SN = Senegal
country-SY = Syria
country-TD = Chad
country-TG = Togo
country-TN = Tunisia
country-YE = Yemen
receipt-title = Your message was received
receipt-explain = Here is your follow-up code. With it, and only with it, you can see what happens with your report and write to the team.
receipt-keep-secret = Write this code down and keep it secret: anyone who has it can read the team's messages to you. It will not be shown again, and it is not sent to you anywhere else.
receipt-follow = Follow my report
follow-title = Follow my report
follow-intro = Enter the follow-up code you received when you sent your report.
follow-code = Follow-up code
follow-submit = Show
follow-not-found = No report matches this code. Check it and try again.
follow-status = Status:
follow-messages = Messages
follow-none = No message yet. The team will write to you here.
follow-from-you = You
follow-from-team = The team
follow-reply = Write to the team
follow-send = Send
follow-sent = Your message was sent.
status-new = received, waiting to be read
status-triaged = read by the team
status-in_progress = being worked on
status-waiting_on_reporter = waiting for your answer
status-resolved = resolved
status-closed = closed

## Cases (help desk)
nav-cases = Cases
queue-title = Cases
queue-any = Any
queue-open = Open (not resolved or closed)
queue-status = Status
queue-severity = Severity
queue-incident = Type
queue-platform = Platform
queue-language = Language
queue-assignee = Assigned to
queue-mine = Me
queue-unassigned = Nobody
queue-overdue = Deadlines
queue-overdue-only = Overdue only
queue-sort = Sort by
queue-sort-newest = Newest first
queue-sort-oldest = Oldest first
queue-sort-severity = Gravest first
queue-sort-due = Nearest deadline
queue-apply = Filter
queue-count = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
queue-empty = No case matches.
queue-opened = Opened
queue-due = Resolution due
queue-late = overdue
queue-previous = Previous page
queue-next = Next page
severity-critical = Critical
severity-high = High
severity-medium = Medium
severity-low = Low
case-status-new = New
case-status-triaged = Triaged
case-status-in_progress = In progress
case-status-waiting_on_reporter = Waiting on the reporter
case-status-resolved = Resolved
case-status-closed = Closed
case-action-triage = Mark as triaged
case-action-start = Start work
case-action-await_reporter = Wait for the reporter
case-action-reporter_replied = The reporter replied
case-action-resolve = Resolve
case-action-close = Close
case-action-close_as_spam = Close as spam
case-action-close_as_duplicate = Close as duplicate
case-action-reopen = Reopen
case-title = Case { $id }
case-overdue = This case is overdue.
case-first-response-due = First response due
case-resolution-due = Resolution due
case-take = Take this case
case-report = The report
case-thread = Messages with the reporter
case-from-reporter = Reporter
case-write = Write to the reporter
case-notes = Internal notes
case-add-note = Add an internal note (never shown to the reporter)
case-save-note = Save the note
case-manage = Severity and assignment
case-severity-reason = Reason for the change
case-change-severity = Change the severity
case-assign = Assign
case-history = History
case-transition-refused = This action is not possible in the case's current status.
event-opened = report received
event-reporter_message = message from the reporter
event-report_viewed = report opened
event-message_sent = message sent to the reporter
event-status = status changed
event-severity = severity changed
event-assigned = assigned
event-note_added = note added

## Playbooks
nav-playbooks = Playbooks
receipt-first-steps = What you can do now, while you wait
case-playbooks = Playbooks
playbooks-title = Playbooks
playbooks-explain = First-response steps per type of incident. A report's answers select them for its case; the reporter sees the steps meant for them as soon as the report is sent.
playbooks-reporter-steps = Steps shown to the reporter
playbooks-edit = Edit
playbooks-edit-explain = One step per line. Each language must have the same number of steps: line N is the same step in every language.
playbooks-field-title = Title
playbooks-field-steps = Steps for the help desk
playbooks-save = Save the playbook
problem-step-count-mismatch = Each language must have the same number of steps, one per line.
event-step_done = step done
event-step_undone = step undone
case-tags = Tags
case-tags-hint = Separated by commas.
case-save-tags = Save the tags
case-linked = Linked cases
case-owner = Organization in charge
case-shared-with = Shared with
case-organize = Organize
case-link-to = Link to case number
case-link = Link
case-merge-into = This report duplicates case number
case-merge = Merge into that case
case-share-with = Share with the organization
case-share = Share
problem-no-consent = The reporter did not agree to share the report with partner organizations.
problem-out-of-range = Out of range: the log is not that big.
problem-url-format = Must be an address starting with http:// or https://.
problem-country-code = Must be a two-letter country code, such as TG or IR.
problem-target-format = Each line must be a domain or an address starting with http:// or https://.
problem-key-format = Is not an Ed25519 public key in base64.
problem-channel-address = Is not an address of this kind: an e-mail address, an http(s):// URL, or a Matrix room id (!…).
event-shared = shared
event-linked = linked
event-merged = merged
event-tagged = tags changed

## Files
files-label = Files (screenshots, videos, documents)
files-hint = { $files ->
    [one] Up to { $files } file
   *[other] Up to { $files } files
}, { $per_file } MB each, { $per_form } MB in all. Pictures, videos, voice notes, PDF or text.
files-refused-kind = A file is not of a kind we accept (pictures, videos, audio, PDF, text). Nothing was kept; please choose your files again.
files-refused-interrupted = The upload was interrupted before the end (the connection may have dropped). No file was kept; please try again, or send your report without the files.
files-refused-size = The files are too large: { $per_file } MB each and { $per_form } MB in all at most. No file was kept; choose smaller files, or send your report without them.
files-refused-count = Too many files ({ $files } at most). No file was kept; please choose your files again.
files-attach-again = Please choose your files again: they were not kept because the form had an error.
report-without-files-explain = Your report has not been sent yet, and everything you wrote is still here. You can send it now without the files, and add them later from the follow-up page with your receipt code (a few at a time if your connection is slow).
report-without-files = Send my report without the files
not-set-up-explain = This Vigie server is not set up yet, so it cannot receive reports. Please contact the organization that gave you this address, or try again later.
files-add-title = Add files
files-add = Add the files
files-none-chosen = No file was chosen.
files-added = { $count ->
    [one] { $count } file added.
   *[other] { $count } files added.
}
case-files = Files
event-files_added = files added
event-file_viewed = file opened
event-thread_viewed = thread viewed
event-notes_viewed = notes viewed
queue-scope = Cases
queue-scope-own = Our organization's
queue-scope-shared = Shared with us

## Evidence vault
evidence-heading = Evidence
evidence-none = No evidence recorded yet.
evidence-kind-file = File
evidence-kind-capture = Captured page
evidence-kind-post = Public post
evidence-leaf = Log entry #{ $index }
evidence-added = Added { $time } by { $who }
evidence-post-heading = Record a public post
evidence-post-platform = Platform
evidence-post-url = Address of the post
evidence-post-author = Author (handle)
evidence-post-time = Posted at (optional, as shown on the platform)
evidence-post-text = Text of the post
evidence-post-submit = Record the post
evidence-capture-heading = Capture a web page
evidence-capture-help = Vigie fetches the page now and keeps it as a web archive (WARC) with its headers, the address reached after redirects and the site's certificates.
evidence-capture-url = Address to capture
evidence-capture-submit = Capture this link
evidence-capture-failed = The page could not be captured: { $reason }
evidence-bundle-heading = Evidence bundle
evidence-bundle-help = One file with the opened evidence, its records and the proofs that they are in the tamper-evident log. Anyone can check it offline with “vigie verify”.
evidence-bundle-submit = Export the evidence bundle
evidence-locked = Log in again with your password to open the evidence.
bundle-title = Evidence bundle of case { $case }
bundle-intro = This bundle holds the evidence of the case, its history and the cryptographic proofs that each item was entered in the instance's tamper-evident log. This page is for reading; the proof is in the files next to it.
bundle-items = Evidence items
bundle-kind = Kind
bundle-what = What
bundle-when = Captured
bundle-who = Added by
bundle-history = Case history
bundle-proof = Proof
bundle-tree-head = Signed tree head: { $size ->
    [one] { $size } entry
   *[other] { $size } entries
} in the log on { $time } UTC. Root:
bundle-key = Public key of the instance:
bundle-how-to-verify = To check the whole bundle offline, run:
error-capture-failed = The page could not be captured (unreachable, refused, too large, or an internal address).

## Campaigns
nav-campaigns = Campaigns
campaigns-title = Campaigns
campaigns-last-run = Last detection run: { $time } UTC, { $observations ->
    [one] { $observations } post read
   *[other] { $observations } posts read
}, { $campaigns ->
    [one] { $campaigns } campaign found.
   *[other] { $campaigns } campaigns found.
}
campaigns-never-run = Detection has not run yet.
campaigns-run = Run detection now
campaigns-run-hint = Reads every stored post; can take a minute on a large collection.
campaigns-active-only = Show active campaigns only
campaigns-show-all = Also show campaigns no longer detected
campaigns-empty = No campaign detected.
campaign-title = Campaign { $id }
campaign-score = Score
campaign-accounts = Accounts
campaign-posts = Posts
campaign-platforms = Platforms
campaign-first-seen = First seen
campaign-last-seen = Last seen
campaign-hashtags = Hashtags
campaign-inactive = (no longer detected)
campaign-inactive-notice = The latest detection run no longer found this campaign; it is kept with its links to cases.
campaign-peak = Peak posts per hour
campaign-burstiness = Burstiness (−1 regular, 0 random, 1 in bursts)
campaign-detected = Detected
campaign-top-accounts = Most active accounts
campaign-account = Account
campaign-platform = Platform
campaign-account-links = Linked accounts
campaign-more-accounts = { $count ->
    [one] { $count } more account is in the exports.
   *[other] { $count } more accounts are in the exports.
}
campaign-representative = Representative posts
campaign-copies = { $count ->
    [one] { $count } near-copy
   *[other] { $count } near-copies
}
campaign-traces = Shared traces
campaign-trace-posts = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}
campaign-cases = Linked cases
campaign-no-cases = No case is linked to this campaign.
campaign-unlink = Unlink
campaign-link-case = Link a case (number)
campaign-link = Link the case
campaign-case-invalid = Enter a case number.
campaign-case-unknown = No case with this number is open to you.
campaign-export = Export
campaign-export-csv = The posts (CSV, one row per post)
campaign-export-json = The full report (JSON)
timeline-title = Posts over time
timeline-per-hour = posts per hour, UTC
timeline-per-hours = { $hours ->
    [one] posts per hour, UTC
   *[other] posts per { $hours } hours, UTC
}
trace-text = Same text
trace-image = Same image
trace-hashtag_sequence = Same hashtags
trace-link = Same link
trace-mention = Same mention
why-title = Why are these accounts linked?
why-account-a = First account
why-account-b = Second account
why-submit = Explain
why-direct = { $count ->
    [one] Directly linked by { $count } co-action:
   *[other] Directly linked by { $count } co-actions:
}
why-through = Linked through other accounts:
why-not-linked = These two accounts are not linked in this campaign.
why-unknown-account = One of the accounts is not part of this campaign.
why-gap = { $minutes } min { $seconds } s apart
case-campaigns = Campaigns and public posts
case-campaigns-none = No campaign is linked to this case.
case-observations = Attached public posts
case-observations-none = No public post is attached.
case-observations-attach = Attach public posts
case-observations-hint = Observation numbers separated by commas, as listed in a campaign's JSON export (post_ids).
case-observations-submit = Attach
case-observations-invalid = Enter observation numbers separated by commas.
case-observations-unknown = One of these observation numbers does not exist.
event-campaign_linked = campaign linked
event-campaign_unlinked = campaign unlinked
event-observations_attached = public posts attached

## Network watch
nav-watch = Network watch
watch-title = Network watch
watch-intro = Internet shutdowns, throttling and blocked sites, from OONI's open measurements and the network's own probes. Detection runs every ten minutes.
watch-refresh = Run detection now
watch-refresh-hint = Also runs by itself every ten minutes.
watch-open-events = Events under way
watch-no-open-events = No event is under way.
watch-countries = Countries measured (last 30 days)
watch-no-data = No measurement yet. Import OONI measurements with `vigie import ooni`, or enrol a probe.
watch-no-recent = No measurement in the last 30 days.
watch-older-stored = { $count ->
    [one] { $count } older measurement is stored:
   *[other] { $count } older measurements are stored:
}
watch-measurements-count = { $count ->
    [one] { $count } measurement
   *[other] { $count } measurements
}
watch-period = From { $from } to { $to } (UTC), as measured then.
watch-period-recent = The last 30 days
watch-period-events = Events that started in this period
watch-period-no-events = No event started in this period.
watch-country = Country
watch-measurements = Measurements
watch-last-hour = Last hour with data
watch-country-title = Network watch: { $country }
watch-now-outage = Now: an outage is under way.
watch-now-interference = Now: interference under way (see the events below).
watch-now-no-data = No measurement of this country in the last 30 days.
watch-now-normal = Now: nothing abnormal detected.
watch-signals = Signals per hour
watch-chart-title = Measurements and share that succeeded
watch-chart-shaded = Shaded: detected events.
watch-chart-empty = No measurement to draw.
watch-per-hour = per hour, UTC
watch-per-hours = { $hours ->
    [one] per hour, UTC
   *[other] per { $hours } hours, UTC
}
watch-signal-volume = measurements
watch-signal-success = share that succeeded
watch-blocked-targets = Targets blocked, by network
watch-no-blocked-targets = No target seen blocked.
watch-asn = Network
watch-test = Test
watch-target = Target
watch-state = State
watch-layer = Where
watch-blocked-of = Blocked / measured
watch-all-events = Events of the last 30 days
watch-no-events = No event in the last 30 days.
watch-event-kind = Kind
watch-event-subject = About
watch-event-start = Start
watch-event-end = End
watch-event-severity = Severity
watch-ongoing = ongoing
watch-kind-blocking = Blocking
watch-kind-outage = Outage
watch-kind-throttling = Throttling
watch-layer-dns = DNS
watch-layer-tcp_ip = TCP/IP
watch-layer-http-failure = HTTP or TLS failure
watch-layer-http-diff = page replaced
watch-state-reachable = reachable
watch-state-blocked = blocked
watch-state-insufficient = not enough measurements
alerts-title = Alerts
alerts-intro = An alert goes out when an event opens and when it closes.
alerts-show-all = All alerts
alerts-show-mine = Only my countries
alerts-feed-json = JSON feed
alerts-feed-atom = Atom feed
alerts-subscriptions = My countries
alerts-subscriptions-hint = Two-letter codes separated by spaces (TG BJ IR), or * for every country.
alerts-subscribe = Save
alerts-empty = No alert yet.
alert-at = When
alert-change = Change
alert-opened = opened
alert-closed = closed
alert-summary-open = Under way since { $start } UTC.
alert-summary-ended = From { $start } to { $end } UTC.
disruptions-title = Disruptions
probes-title = Probes
probes-intro = The network's own probes measure the targets below from members' connections and send signed results, queued while the server cannot be reached.
probes-targets = Targets
probes-targets-label = Targets measured by every probe
probes-targets-hint = One domain or http(s) address per line; lines starting with # are comments.
probes-targets-save = Save the targets
probes-enrolled = Enrolled probes
probes-none = No probe enrolled yet.
probe-name = Name
probe-enrolled-at = Enrolled
probe-last-seen = Last result
probe-revoked = Revoked
probe-revoke = Revoke
probes-enrol = Enrol a probe
probes-enrol-hint = A token enrols one probe within seven days. Give it to the member in person or over a safe channel.
probes-new-token = New enrolment token
probes-token-once = Enrolment token (shown only now):
probes-token-command = On the member's machine:

## Disruptions
disruptions-intro = Internet shutdowns and throttling, in the fields of Access Now's STOP dataset. The detectors propose records; coordinators confirm, edit or reject them. Every change is kept.
disruptions-new = Enter a disruption by hand
disruptions-export = Export as STOP CSV
disruptions-empty = No disruption record.
disruptions-filter-all = All
disruption-review-proposed = proposed
disruption-review-confirmed = confirmed
disruption-review-rejected = rejected
disruption-col-start = Start
disruption-col-end = End
disruption-col-review = Review
disruption-col-type = Type
disruption-col-area = Area
disruption-title = Disruption { $id }
disruption-version = version { $version }
disruption-origin-detected = Proposed by the detector for event { $event }.
disruption-origin-manual = Entered by hand.
disruption-origin-imported = Imported from a STOP file (row { $row }).
disruption-event = Detected event
disruption-evidence = Vigie's evidence
disruption-evidence-cells = Measurements behind it
disruption-confirm = Confirm
disruption-reject = Reject
disruption-reopen = Back to proposed
disruption-note = Note (why this change)
disruption-edit = Edit
disruption-save = Save as a new version
disruption-create = Create the record
disruption-problems = Values to check (kept as written):
disruption-versions = History
disruption-version-by-system = Vigie
disruption-changed-meanwhile = Someone saved another version meanwhile: reload the page and make your change again.
disruption-fields = Fields (STOP's words)
disruption-fields-hint = Write values with STOP's words (suggested as you type); several values are separated by a comma. Dates as YYYY-MM-DD.
stop-col-start_date_type = Start date: actual or estimated
stop-col-start_date = Start date
stop-col-country = Country
stop-col-geo_scope = Geographic scope
stop-col-area_name = Area
stop-col-shutdown_type = Type (shutdown, throttle)
stop-col-affected_network = Affected network
stop-col-shutdown_extent = Extent (full network, service-based)
stop-col-ordered_by = Ordered by
stop-col-decision_maker = Decision maker
stop-col-actual_cause = Actual cause
stop-col-actual_cause_details = Cause details
stop-col-info_source = Kind of source
stop-col-info_source_link = Source links
stop-col-shutdown_status = Status
stop-col-end_date = End date
stop-col-duration = Duration (days)
stop-col-gov_justification = Government justification
stop-col-gov_just_details = Justification details
stop-col-gov_ack = Government acknowledged it
stop-col-legal_just = Legal justification given
stop-col-legal_method = Legal method
stop-col-gov_ack_source = Acknowledgement source
stop-col-gov_ack_quote = Acknowledgement quote
stop-col-facebook_affected = Facebook affected
stop-col-twitter_affected = Twitter/X affected
stop-col-whatsapp_affected = WhatsApp affected
stop-col-instagram_affected = Instagram affected
stop-col-telegram_affected = Telegram affected
stop-col-other_affected = Other services affected
stop-col-sms_affected = SMS affected
stop-col-phonecall_affected = Phone calls affected
stop-col-telcos_involved = Telecom operators involved
stop-col-telco_ack = Operator acknowledged it
stop-col-telco_ack_source = Operator acknowledgement source
stop-col-telco_ack_quote = Operator acknowledgement quote
stop-col-election = During an election
stop-col-violence = Violence around it
stop-col-hr_abuse_reported = Human-rights abuses reported
stop-col-users_targeted = Users targeted
stop-col-users_target_detail = Who was targeted
stop-col-users_notified = Users notified
stop-col-econ_impact = Economic impact
stop-col-event = What happened
stop-col-an_link = Access Now link
stop-col-region = Region
stop-col-count_year = Year counted
stop-problem-missing = required
stop-problem-not-a-date = not a date (STOP writes 2019-06-22)
stop-problem-not-days = not a number of days
stop-problem-negative-duration = a negative duration
stop-problem-not-a-year = not a year
stop-problem-end-before-start = ends before it starts
stop-problem-ended-without-end = marked ended but has no end date
stop-problem-ongoing-with-end = marked ongoing but has an end date
stop-problem-unknown-country = no ISO 3166 code is known for this country
stop-problem-spelling = STOP writes it “{ $stop }”
stop-problem-vocabulary = not one of STOP's words ({ $words })

## Escalation to platforms (codes from vigie-core's escalation module)
escalation-platform-facebook = Facebook
escalation-platform-instagram = Instagram
escalation-platform-whatsapp = WhatsApp
escalation-platform-threads = Threads
escalation-platform-x = X (Twitter)
escalation-platform-telegram = Telegram
escalation-platform-tiktok = TikTok
escalation-platform-youtube = YouTube
escalation-platform-other = { $name } (another platform)
escalation-company-meta = Meta
escalation-company-google = Google
escalation-channel-trusted_partner = Trusted partner or trusted flagger channel
escalation-channel-in_product = In-app report
escalation-channel-web_form = Web form
escalation-channel-email = Email
escalation-channel-legal_request = Legal request
escalation-category-threat_of_violence = Threat of violence
escalation-category-incitement = Incitement to violence
escalation-category-hate = Hate speech
escalation-category-harassment = Harassment or bullying
escalation-category-sexual_harassment = Sexual harassment
escalation-category-doxing = Doxing (private information exposed)
escalation-category-non_consensual_intimate_imagery = Intimate images shared without consent
escalation-category-impersonation = Impersonation
escalation-category-coordinated_inauthentic_behaviour = Coordinated inauthentic behaviour
escalation-category-defamation = Defamation
escalation-category-other = Other
escalation-item-post = Post
escalation-item-account = Account
escalation-item-group = Group, page or channel
escalation-outcome-removed = Removed
escalation-outcome-restricted_reach = Reach restricted
escalation-outcome-restricted_age = Age-restricted
escalation-outcome-labelled = Labelled
escalation-outcome-account_suspended = Account suspended
escalation-outcome-no_violation_found = No violation found
escalation-outcome-no_reply = No reply
escalation-status-draft = Draft
escalation-status-sent = Sent
escalation-status-acknowledged = Acknowledged
escalation-status-decided = Decided
escalation-status-closed = Closed
escalation-action-send = Mark as sent
escalation-action-acknowledge = Record the acknowledgement
escalation-action-decide = Record the decision
escalation-action-close = Close
escalation-link-reescalation = Re-escalation
escalation-link-appeal = Appeal
escalation-dimension-platform = Platform
escalation-dimension-category = Policy category
escalation-dimension-country = Country
escalation-dimension-severity = Severity
escalation-dimension-month = Month
escalation-dimension-quarter = Quarter
escalation-dimension-year = Year
event-escalation_created = escalated to a platform
event-escalation_status = escalation status changed
event-escalation_reescalation = re-escalated to a platform
event-escalation_appeal = platform decision appealed
event-escalation_package = escalation package made
nav-accountability = Accountability
accountability-title = Platform accountability
accountability-intro = What the organization escalated to the platforms, how long they took to answer and to act, and how often they acted. Times are counted from the day an escalation was sent.
accountability-from = From
accountability-to = To
accountability-group = Group by
accountability-group-none = Nothing (all together)
accountability-period = Per period
accountability-period-none = The whole period
accountability-apply = Show
accountability-items-total = { $count ->
    [one] One item escalated in this period.
   *[other] { $count } items escalated in this period.
}
accountability-empty = Nothing was sent to a platform in this period.
accountability-table = Figures per group
accountability-all = All items
accountability-items = Items
accountability-first-reply = Time to first reply
accountability-action = Time to action
accountability-median = Median
accountability-p90 = 90th percentile
accountability-action-rate = Action rate
accountability-never-answered = Never answered
accountability-re-escalated = Re-escalated
accountability-country-unknown = Country unknown
accountability-hours = { $n } h
accountability-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
accountability-per-platform = Per platform
accountability-chart-action-rate = Action rate per platform (acted on, out of the items decided)
accountability-chart-median-action = Median time to action per platform
accountability-chart-distribution = Time to action: items acted on within
accountability-within-1h = 1 hour
accountability-within-6h = 6 hours
accountability-within-1d = 1 day
accountability-within-3d = 3 days
accountability-within-7d = 7 days
accountability-within-30d = 30 days
accountability-within-more = more than 30 days
accountability-trend = Trend
accountability-chart-trend = Action rate and median time to action per quarter
accountability-chart-empty = no figure yet.
accountability-method = Medians and 90th percentiles by nearest rank, over the items that got a reply or an action (n). Action: removed, restricted, labelled or account suspended; the rate is over the items the platform decided on ("no reply" is not a decision). Never answered and re-escalated are over all items.

## Escalation pages
escalations-heading = Escalations to platforms
escalations-none = This case has not been escalated to a platform.
escalation-new-link = Escalate to a platform
escalation-platform = Platform
escalation-channel = Channel
escalation-status = Status
escalation-items = Items
escalation-overdue = No reply in time (due { $due } UTC)
escalation-new-heading = Escalate to a platform
escalation-new-title = Escalate case #{ $id } to a platform
escalation-back-to-case = Back to the case
escalation-platform-other-choice = Another platform (write its name)
escalation-other-name = Name of the other platform
escalation-narrative = Narrative for the platform
escalation-narrative-hint = Sealed like notes. It goes into a package only if you tick "include the narrative".
escalation-no-evidence = The case has no evidence yet: record a post or capture a page first.
escalation-create = Save the escalation as a draft
escalation-title = Escalation #{ $id }
escalation-of-case = Case #{ $id }
escalation-created-at = Drafted
escalation-sent-at = Sent
escalation-acknowledged-at = Acknowledged
escalation-decided-at = Decided
escalation-closed-at = Closed
escalation-at-hint = Leave empty for now (UTC).
escalation-follow-up = Re-escalate or appeal
escalation-follow-up-submit = Draft the follow-up
escalation-field-problem = { $field }: { $problem }
escalation-item-problem = Item { $n }: { $problem }
escalation-refused-transition = This step is not possible in the escalation's current status.
escalation-refused-time-order = This date is before the previous step.
escalation-refused-outcome-count = Give one outcome per item.
escalation-refused-not-decided = Only a decided or closed escalation can be re-escalated or appealed.
escalation-field-platform = Platform
escalation-field-channel = Channel
escalation-field-narrative = Narrative
escalation-field-items = Items
escalation-field-item_type = Type
escalation-field-url = Address (URL)
escalation-field-post_id = Platform's post id
escalation-field-account = Account (or group name)
escalation-field-name = Group or channel name
escalation-field-excerpt = Excerpt
escalation-field-language = Language of the excerpt (ar, fr, en…)
escalation-field-translation = Translation
escalation-field-media = Media
escalation-field-platform_words = The platform's words
escalation-field-platform_policy = The platform's policy name (optional)
escalation-field-reference = Platform's reference
escalation-field-at = Date and time (UTC)
escalation-field-evidence_item = Evidence item
escalation-field-posted_at = Posted at
escalation-field-severity = Severity
escalation-field-category = Policy category
escalation-field-outcome = Outcome
escalation-field-kind = Kind
accountability-report = Transparency report
accountability-report-intro = The figures of this period that are safe to publish: aggregates only, counts under 5 shown as "< 5", signed by this instance's key.
accountability-report-html = Web page
accountability-report-pdf = PDF
accountability-report-csv = Signed figures (CSV)
transparency-title = Transparency report: { $org }
transparency-org = Organization
transparency-period = Period
transparency-generated = Generated
transparency-intro = What the organization escalated to online platforms in this period, how long the platforms took to answer and to act, and how often they acted. Aggregate figures only: no case, person or post can be identified from them.
transparency-all-platforms = All platforms
transparency-first-reply = Time to first reply: median / 90th percentile
transparency-action = Time to action: median / 90th percentile
transparency-method-title = Method
transparency-method-period = The items counted are those of escalations sent to a platform during the period, in the state the record held when the report was generated; an item escalated shortly before the end of the period may not have had its answer yet. Delays run from the sending of the escalation to the platform's first reply (acknowledgement or decision) and to its action.
transparency-method-percentiles = Medians and 90th percentiles are computed by nearest rank over the items that received a reply (or an action): the value at rank p × n, rounded up, of the n delays sorted. n is shown next to each figure.
transparency-method-action = An action is a removal, a restriction (of reach or by age), a label, or the suspension of the account. The action rate is the share of items acted on among those the platform decided on; "no reply" is not a decision. "Never answered" and "re-escalated" are shares of all items.
transparency-method-suppression = Small cells are suppressed: a count under 5 is shown "< 5", zero included, and a median, percentile or share based on fewer than 5 items is not shown ("—"). The total is suppressed too when it would reveal a suppressed count by subtraction.
transparency-method-signature = The figures below, as CSV, are signed with the instance's Ed25519 key. Anyone can check that a quoted figure is unchanged: the method is in the document "Verifying a transparency report" (docs/transparency-report.md) of Vigie.
transparency-signature-title = Signed figures
transparency-signature-intro = The exact CSV the signature covers (UTF-8, one line per row, line feeds):
transparency-signature = Ed25519 signature (base64)
transparency-public-key = Public key of the instance (Ed25519, base64)
escalation-package-heading = Package for the platform
escalation-package-help = Every item with its evidence hash and its proof against the signed log. The reporter's identity, contact and words are never in it.
escalation-package-language = Language of the package
escalation-package-include-narrative = Include the narrative (this choice is recorded in the case's history)
escalation-package-title = Escalation package #{ $id } — { $platform }
escalation-package-generated = Generated (UTC)
escalation-package-notifier = Notifier
escalation-package-contact = Contact
escalation-package-item = Item { $n }
escalation-package-leaf = Custody log leaf { $index }
escalation-package-tree-head = Signed tree head
escalation-package-tree-head-help = Each item's inclusion proof (in the JSON package) leads from its leaf to this root, signed with the instance key below.
escalation-package-dsa = Notice under Article 16(2) of the Digital Services Act
escalation-package-dsa-locations = Exact location of each item
escalation-package-dsa-reasons = Reasons
escalation-package-dsa-good-faith = Statement of good faith
escalation-package-good-faith = We declare our bona fide belief that the information and allegations contained in this notice are accurate and complete.

# Escalation lists, reminders and campaigns (issue 12)
escalation-campaign = Campaign
escalation-campaign-hint = A detected campaign linked to this case that the items belong to: the escalation then shows on the campaign's page.
escalation-campaign-none = None
escalations-none-campaign = No case linked to this campaign has been escalated to a platform.
escalations-list-title = Escalations to platforms
escalations-overdue-heading = Waiting for a platform past its reply period
escalations-overdue-none = No platform is late in answering.
escalations-overdue-hint = Sent and neither acknowledged nor decided within the platform's reply period: chase the platform, or re-escalate through another channel.
escalations-recent-heading = Newest escalations
escalations-none-org = Your organization has not escalated anything to a platform yet.
escalation-case = Case
queue-escalations-overdue = { $count ->
    [one] { $count } escalation waits for a platform past its reply period.
   *[other] { $count } escalations wait for a platform past their reply period.
}
nav-escalations = Escalations
escalation-campaign-title = Escalate posts of campaign { $id }
escalation-back-to-campaign = Back to the campaign
escalation-campaign-intro = For posts no case holds. Each ticked post becomes an item with the category and severity below and its text as the excerpt; the package has no evidence proof for them (imported posts are not in the custody log: capture them on a case for that).
escalation-campaign-platform-hint = One platform per escalation: only that platform's posts are taken.
escalation-campaign-link = Escalate this campaign's posts to a platform
escalation-campaign-more-posts = { $count ->
    [one] { $count } more post is not listed: escalate these first, then the rest.
   *[other] { $count } more posts are not listed: escalate these first, then the rest.
}

## The network: directory, rota, paging, alert channels, jobs
event-paged = paged
event-page_acknowledged = page acknowledged
skill-digital_forensics = digital forensics
skill-account_recovery = account recovery
skill-platform_escalation = platform escalation
skill-legal = legal support
skill-psychosocial = psychosocial support
skill-training = training
skill-shutdown_measurement = shutdown measurement
availability-available = available
availability-limited = urgent work only
availability-unavailable = unavailable
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
channel-email = e-mail
channel-webhook = webhook
channel-matrix = Matrix room
page-step-on_call = on call
page-step-coordinators = coordinators
delivery-failing = failing, retried
delivery-delivered = delivered
delivery-failed = failed
reason-language = speaks { $language }
reason-country = works in { $country }
reason-on-call = on call now
reason-limited = urgent work only
directory-title = Directory of the network
directory-explain = Who can help, with what, in which languages and countries. How to reach someone is sealed to their organization.
directory-edit-mine = Edit my entry
directory-skill = Skill
directory-language = Language (code)
directory-filter = Filter
directory-people = People
directory-orgs = Organizations
directory-name = Name
directory-org = Organization
directory-skills = Skills
directory-languages = Languages
directory-countries = Countries
directory-availability = Availability
directory-contact = How to reach me safely
directory-contact-hint = Sealed to your organization: only its members see it.
directory-contact-locked = sealed (log in again to open)
directory-contact-sealed = sealed to their organization
directory-focus = Focus
directory-mine = My entry in the directory
directory-mine-explain = Colleagues find you by your skills and languages; cases that need them suggest you.
directory-languages-hint = Codes separated by commas: fr, ar, en, wo…
directory-countries-hint = ISO codes separated by commas: SN, TG, JO…
directory-save = Save
directory-org-entry = My organization's entry
directory-org-contacts = The organization's safe contacts
rota-title = On-call rota
rota-explain = Who answers when a critical case arrives and nobody has taken it. Slots repeat every week; times are UTC.
rota-now = On call now:
rota-nobody = nobody (the coordinators are paged)
rota-slots = Weekly slots
rota-day = Day
rota-from = From
rota-to = To
rota-person = Person
rota-delete = Remove
rota-handovers = Handovers
rota-handed-by = handed over by
rota-add = Add a slot
rota-utc = UTC, as HH:MM
rota-hand-over = Hand over
rota-hours = For how many hours
rapid-title = Rapid response
rapid-no-pages = Nobody was paged for this case.
rapid-paged = { $who } was paged
rapid-acknowledged = acknowledged by { $who }
rapid-suggested-people = Who could take it
rapid-suggested-partners = Partner organizations that could help
ack-title = Case { $id } needs you
ack-explain = A critical case is waiting. Acknowledge to say you are on it: nobody else will be paged.
ack-button = I am on it
ack-already = This page was already acknowledged.
ack-done = Acknowledged. Thank you: the case's history says so.
channels-title = My alert channels
channels-explain = Where your alerts go: pages when you are on call, cases given to you, tests.
channels-none = No channel yet: alerts only show on this site.
channels-test = Send a test
channels-delete = Remove
channels-add = Add a channel
channels-kind = Kind
channels-address = Address
channels-address-hint = An e-mail address, a webhook URL (https://…), or a Matrix room id (!room:server).
channels-label = Name (optional)
channels-secret-once = The webhook's signing secret, shown once: give it to the receiver to check signatures.
channels-test-queued = A test alert is on its way.
channels-what-alerts-say = Alerts never carry a report's content: only "a case needs you" and a link.
unsubscribe-title = Stop these alerts
unsubscribe-confirm = Remove this alert channel
unsubscribe-done = This channel is removed: it will get no more alerts.
alert-page-subject = Vigie: critical case { $id } needs someone
alert-page-on-call = A critical case arrived and nobody has taken it yet. You are on call.
alert-page-coordinators = A critical case arrived and nobody has taken it yet, not even the person on call.
alert-page-action = Acknowledge
alert-assigned-subject = Vigie: case { $id } was given to you
alert-assigned-lead = A case was given to you.
alert-open-case = Open the case
alert-test-subject = Vigie: test alert
alert-test-lead = This is a test: this channel works.
alert-open-channels = Your alert channels
alert-footer = Sent by Vigie. It never puts a report's content in an alert.
alert-unsubscribe = Stop alerts on this channel
jobs-title = Job queue
jobs-explain = Background work and deliveries. A job that fails is retried with growing delays; after its last try it is dead and waits here.
jobs-pending = Queued
jobs-running = Running
jobs-dead = Dead
jobs-kind = Kind
jobs-run-at = Runs at
jobs-attempts = Attempts
jobs-error = Last error
jobs-retrying = (retrying)
jobs-retry = Retry
jobs-discard = Discard
jobs-deliveries = Latest deliveries
jobs-delivery-key = Delivery key
jobs-state = State
jobs-answer = Receiver's answer
jobs-updated = Updated
