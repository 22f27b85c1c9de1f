# Vigie — français

## Navigation et mise en page
nav-label = Menu principal
nav-languages = Langues
nav-home = Accueil
nav-org = Mon organisation
nav-users = Comptes
nav-orgs = Organisations
nav-account = Mon compte
nav-logout = Se déconnecter
footer-tagline = Vigie — une vigie pour les réseaux de défenseur·es des droits humains numériques.

## Erreurs
error-title = Un problème est survenu
error-home = Retour à l'accueil
error-code = Code d'erreur :
error-not-found = Cette page n'existe pas, ou vous n'avez pas le droit de la voir.
error-forbidden = Vous n'avez pas le droit de faire cela.
error-unauthorized = Vous devez vous connecter, ou votre jeton d'accès est absent ou invalide.
error-csrf = Ce formulaire a expiré ou ne vient pas de ce site. Revenez en arrière, rechargez la page et réessayez.
error-bad-request = La demande n'a pas pu être lue. Vérifiez le formulaire et réessayez.
error-method = Cette adresse n'accepte pas ce type de demande.
error-too-large = Ce que vous avez envoyé est trop volumineux.
error-throttled = Trop de tentatives. Patientez avant de réessayer.
error-retry-after = Réessayez dans { $minutes } minutes.
error-internal = Une erreur interne s'est produite. Rien n'a été perdu ; réessayez dans un instant.
error-key-locked = La clé de votre organisation n'est pas ouverte dans cette session : reconnectez-vous avec votre mot de passe. Un·e nouveau·elle membre attend qu'un·e collègue de l'organisation se connecte.

## Problèmes de saisie
problem-role-unknown = Choisissez administrateur·rice, coordinateur·rice ou intervenant·e.
problem-username-length = Un identifiant compte de 3 à 64 caractères.
problem-username-chars = Utilisez seulement les lettres a–z, les chiffres, le point, le tiret et le tiret bas.
problem-empty = Ce champ est obligatoire.
problem-too-long = C'est trop long.
problem-control-chars = Ceci contient des caractères non autorisés.
problem-slug-format = Utilisez de 2 à 40 caractères parmi a–z, 0–9 et le tiret.
problem-password-short = Le mot de passe doit compter au moins 10 caractères. Une phrase dont vous vous souvenez est idéale.
problem-password-mismatch = Les deux mots de passe sont différents.
problem-wrong-password = Ce mot de passe est incorrect.
problem-self-disable = Vous ne pouvez pas désactiver votre propre compte.
problem-last-admin = Le dernier administrateur ou la dernière administratrice ne peut pas être désactivé·e.
problem-account-disabled = Ce compte est désactivé.
problem-token-name = Donnez au jeton un nom de 1 à 100 caractères.
problem-recovery-key = Cette clé de secours n'ouvre pas la clé de cette organisation.
conflict-username = Cet identifiant est déjà pris.
conflict-slug = Ce nom court est déjà utilisé par une autre organisation.
conflict-other = Cet élément existe déjà.

## Rôles et clés
role-admin = Administrateur·rice
role-coordinator = Coordinateur·rice
role-responder = Intervenant·e
key-held = détient la clé
key-pending = en attente de la clé
key-granted = clé transmise, active à la prochaine connexion
key-none = aucune clé

## Champs de formulaire
field-org = Organisation
field-org-name = Nom de l'organisation
field-org-slug = Nom court (dans les adresses)
field-display-name = Nom affiché aux collègues
field-username = Identifiant
field-password = Mot de passe
field-password-confirm = Mot de passe, encore une fois
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-initial-password = Mot de passe initial
field-role = Rôle
hint-org-slug = Par exemple ligue-benin : lettres a–z, chiffres et tirets.
hint-username = Pas votre nom officiel : les identifiants ne sont pas chiffrés.
hint-password = Au moins 10 caractères. Ce mot de passe protège aussi la clé de votre organisation.

## Installation
setup-title = Installer Vigie
setup-intro = Créez la première organisation du réseau et son compte administrateur.
setup-org-legend = L'organisation
setup-admin-legend = L'administrateur·rice
setup-submit = Créer
setup-link-invalid = Ce lien d'installation est invalide, déjà utilisé ou expiré. Redémarrez le serveur pour en afficher un nouveau.
setup-done-already = Ce serveur est déjà installé.
setup-done-title = Vigie est prêt
setup-go-login = Se connecter

## Clé de secours
recovery-title = La clé de secours de l'organisation
recovery-once = Notez-la maintenant : elle n'est affichée qu'une seule fois et le serveur ne la garde pas.
recovery-explain = Si tous les membres oublient leur mot de passe, cette clé est le seul moyen de rouvrir les données protégées de l'organisation.
recovery-keep-1 = Imprimez-la ou recopiez-la sur papier, et gardez-la en lieu sûr, loin du serveur.
recovery-keep-2 = Ne l'envoyez ni par e-mail ni par messagerie, et ne la stockez pas sur le serveur.
recovery-keep-3 = Quiconque la détient avec une copie de la base de données peut lire les données de l'organisation.

## Connexion
login-title = Connexion
login-submit = Se connecter
login-failed = Compte inconnu ou mot de passe incorrect.
login-throttled = Trop de tentatives échouées pour ce compte. Réessayez dans { $minutes } minutes.
login-needs-setup = Ce serveur n'est pas encore installé : ouvrez le lien d'installation affiché par le serveur à son démarrage.
login-password-changed = Votre mot de passe a été changé. Connectez-vous avec le nouveau.
login-logged-out = Vous êtes déconnecté·e.

## Accueil
home-title = Accueil
home-welcome = Bienvenue, { $name }
home-you-are = Vous êtes { $role } à { $org }.
home-key-unlocked = La clé de votre organisation est ouverte pour cette session : vous pouvez lire ses données protégées.
home-key-locked = La clé de votre organisation n'est pas ouverte dans cette session. Si vous êtes nouveau·elle membre, elle vous sera transmise quand un·e collègue se connectera ; reconnectez-vous ensuite.

## Organisation
org-slug = Nom court
org-public-key = Clé publique
org-contacts-title = Contacts d'urgence
org-contacts-explain = Chiffrés avec la clé de l'organisation : seuls ses membres peuvent les lire, même si le serveur est saisi.
org-contacts-label = Qui appeler en cas d'urgence, et comment
org-contacts-save = Enregistrer

## Compte
account-title = Mon compte
account-password-title = Changer mon mot de passe
account-password-explain = La clé de votre organisation est protégée à nouveau par le nouveau mot de passe. Toutes vos sessions se ferment ; reconnectez-vous ensuite.
account-password-submit = Changer le mot de passe
tokens-title = Jetons d'API
tokens-explain = Pour les scripts et autres outils. Un jeton agit avec votre rôle, mais n'ouvre jamais les données chiffrées.
tokens-name = Nom du jeton
tokens-status = État
tokens-active = actif
tokens-revoked = révoqué
tokens-none = Vous n'avez aucun jeton d'API.
tokens-create = Créer un jeton
tokens-revoke = Révoquer
tokens-shown-once = Copiez ce jeton maintenant : il n'est affiché qu'une seule fois.

## Administration
users-title = Comptes
users-key = Clé
users-status = État
users-actions = Actions
users-active = actif
users-disabled = désactivé
users-disable = Désactiver
users-reset-password = Réinitialiser le mot de passe
users-add-title = Ajouter un compte
users-add-explain = Un·e membre ajouté·e à une autre organisation que la vôtre attend la clé jusqu'à ce qu'un·e collègue de cette organisation se connecte.
users-add-submit = Ajouter
users-added = Compte { $username } ajouté ({ $key }).
users-password-reset = Mot de passe réinitialisé ({ $key }).
users-back = Retour aux comptes
orgs-title = Organisations
orgs-add-title = Ajouter une organisation
orgs-add-submit = Créer l'organisation
orgs-back = Retour aux organisations
problem-unknown-choice = Choisissez l'une des réponses proposées.
problem-receipt-format = Ce n'est pas un code de suivi : 16 lettres et chiffres, comme 4F7K-9QX2-M3HD-P8WA.

## Canal de signalement (public)
report-title = Formulaire
report-heading = Demander de l'aide au réseau
report-intro = Dites-nous ce qui vous arrive, à vous ou à une personne que vous connaissez. Vous n'avez pas besoin de compte. Répondez à ce que vous pouvez ; seules les deux premières questions sont obligatoires.
report-receiver = Votre message est adressé à { $org }.
report-quick-exit = Quitter vite
report-what = Que s'est-il passé ? (cochez tout ce qui s'applique)
report-platforms = Où cela s'est-il passé ?
report-description = Ce qui s'est passé, avec vos mots
report-description-hint = Qui, quoi, quand. N'écrivez pas votre mot de passe ici.
report-links = Liens vers les publications ou les comptes concernés
report-links-hint = Un lien par ligne.
report-since = Depuis quand ?
report-ongoing = Est-ce que cela continue ?
report-yes = Oui
report-no = Non
report-target = Qui est visé ?
report-risk = Êtes-vous en danger ? (cochez ce qui est vrai)
report-country = Pays
report-country-none = Autre, ou je préfère ne pas le dire
report-contact = Comment pouvons-nous vous contacter ?
report-contact-address = Adresse, numéro ou nom d'utilisateur Signal
report-contact-language = Dans quelle langue ?
report-consent = J'accepte que mon signalement soit partagé avec les organisations partenaires du réseau.
report-honeypot = Laissez ce champ vide
report-sealed-note = Ce que vous écrivez est chiffré dès son arrivée : seule l'organisation qui le reçoit peut le lire.
report-submit = Envoyer
report-refused-address = Trop de signalements ont été envoyés depuis votre connexion au cours de la dernière heure. Réessayez dans { $minutes } minutes.
report-refused-global = Le service d'assistance reçoit trop de signalements en ce moment. Réessayez dans { $minutes } minutes ; rien n'a été enregistré.
incident-harassment = Harcèlement en ligne
incident-threats = Menaces de violence
incident-doxing = Mes données personnelles ont été divulguées (doxing)
incident-defamation = Diffamation ou campagne de dénigrement
incident-hate_speech = Discours de haine
incident-sexual_abuse = Harcèlement sexuel, images intimes ou hypertrucages (deepfakes)
incident-impersonation = Usurpation d'identité ou faux compte
incident-account_compromise = Quelqu'un a pris le contrôle de mon compte
incident-spyware = Mon téléphone ou mon ordinateur est compromis (logiciel espion)
incident-phishing = Hameçonnage (un faux message qui demande mes mots de passe)
incident-surveillance = Surveillance
incident-censorship = Censure ou suppression de contenu
incident-blocking = Un site ou un compte est bloqué
incident-shutdown = Coupure ou ralentissement d'internet
incident-legal_harassment = Harcèlement judiciaire lié à mon activité en ligne
incident-other = Autre chose
platform-facebook = Facebook
platform-instagram = Instagram
platform-whatsapp = WhatsApp
platform-x = X (Twitter)
platform-telegram = Telegram
platform-tiktok = TikTok
platform-youtube = YouTube
platform-other = Un autre site ou une autre application
platform-offline = Hors ligne
target-myself = Moi
target-someone_else = Une autre personne
target-organization = Une organisation
risk-physical_threat = J'ai reçu des menaces d'atteinte physique
risk-address_exposed = Mon adresse ou ma famille ont été exposées
risk-intimate_images = Des images intimes de moi sont en jeu
risk-account_controlled = L'agresseur contrôle encore l'un de mes comptes
contact-none = Ne pas me contacter
contact-email = E-mail
contact-signal = Signal
contact-phone = Téléphone
country-BJ = Bénin
country-BF = Burkina Faso
country-CM = Cameroun
country-CV = Cap-Vert
country-CI = Côte d'Ivoire
country-DZ = Algérie
country-EG = Égypte
country-GH = Ghana
country-GM = Gambie
country-GN = Guinée
country-GW = Guinée-Bissau
country-IQ = Irak
country-JO = Jordanie
country-LB = Liban
country-LR = Liberia
country-LY = Libye
country-MA = Maroc
country-ML = Mali
country-MR = Mauritanie
country-NE = Niger
country-NG = Nigeria
country-PS = Palestine
country-SD = Soudan
country-SL = Sierra Leone
country-SN = Sénégal
country-SY = Syrie
country-TD = Tchad
country-TG = Togo
country-TN = Tunisie
country-YE = Yémen
receipt-title = Votre message a bien été reçu
receipt-explain = Voici votre code de suivi. Avec lui, et seulement avec lui, vous pouvez voir ce qu'il advient de votre signalement et écrire à l'équipe.
receipt-keep-secret = Notez ce code et gardez-le secret : toute personne qui l'a peut lire les messages que l'équipe vous adresse. Il ne sera plus affiché et ne vous est envoyé nulle part ailleurs.
receipt-follow = Suivre mon signalement
follow-title = Suivre mon signalement
follow-intro = Saisissez le code de suivi reçu lors de l'envoi de votre signalement.
follow-code = Code de suivi
follow-submit = Afficher
follow-not-found = Aucun signalement ne correspond à ce code. Vérifiez-le et réessayez.
follow-status = État :
follow-messages = Messages
follow-none = Pas encore de message. L'équipe vous écrira ici.
follow-from-you = Vous
follow-from-team = L'équipe
follow-reply = Écrire à l'équipe
follow-send = Envoyer
follow-sent = Votre message a été envoyé.
status-new = reçu, en attente de lecture
status-triaged = lu par l'équipe
status-in_progress = en cours de traitement
status-waiting_on_reporter = en attente de votre réponse
status-resolved = résolu
status-closed = clos
