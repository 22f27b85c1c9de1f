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
error-retry-after = Try again in { $minutes } minutes.
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
login-throttled = Too many failed attempts for this account. Try again in { $minutes } minutes.
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
account-password-explain = Your organization's key is re-protected with the new password. All your sessions end; log in again afterwards.
account-password-submit = Change password
tokens-title = API tokens
tokens-explain = For scripts and other tools. A token acts with your role, but never opens encrypted data.
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
report-intro = Tell us what is happening to you or to someone you know. You do not need an account. Answer what you can; only the first two questions are required.
report-receiver = Your message goes to { $org }.
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
report-refused-address = Too many reports were sent from your connection in the last hour. Please try again in { $minutes } minutes.
report-refused-global = The help desk is receiving too many reports right now. Please try again in { $minutes } minutes; nothing has been saved.
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
