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
error-retry-after = { $minutes ->
    [one] Réessayez dans { $minutes } minute.
   *[other] Réessayez dans { $minutes } minutes.
}
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
login-throttled = Trop de tentatives échouées pour ce compte. { $minutes ->
    [one] Réessayez dans { $minutes } minute.
   *[other] Réessayez dans { $minutes } minutes.
}
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
account-password-explain = La clé de votre organisation est protégée à nouveau par le nouveau mot de passe. Toutes vos sessions se ferment et tous vos jetons d'API sont révoqués ; reconnectez-vous ensuite et créez de nouveaux jetons si vos outils en ont besoin.
account-password-submit = Changer le mot de passe
tokens-title = Jetons d'API
tokens-explain = Pour les scripts et autres outils. Un jeton agit avec votre rôle, mais n'ouvre jamais les données chiffrées. Changer votre mot de passe (ou qu'un administrateur en fixe un nouveau) révoque tous les jetons.
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
report-intro = Dites-nous ce qui vous arrive, à vous ou à une personne que vous connaissez. Vous n'avez pas besoin de compte. Répondez à ce que vous pouvez : seuls le type d'attaque et votre description sont obligatoires.
report-receiver = Votre message est adressé à :
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
report-refused-address = Trop de signalements ont été envoyés depuis votre connexion au cours de la dernière heure. { $minutes ->
    [one] Réessayez dans { $minutes } minute.
   *[other] Réessayez dans { $minutes } minutes.
}
report-refused-global = Le service d'assistance reçoit trop de signalements en ce moment. { $minutes ->
    [one] Réessayez dans { $minutes } minute ; rien n'a été enregistré.
   *[other] Réessayez dans { $minutes } minutes ; rien n'a été enregistré.
}
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

## Dossiers (service d'assistance)
nav-cases = Dossiers
queue-title = Dossiers
queue-any = Tous
queue-open = Ouverts (ni résolus ni clos)
queue-status = État
queue-severity = Gravité
queue-incident = Type
queue-platform = Plateforme
queue-language = Langue
queue-assignee = Attribué à
queue-mine = Moi
queue-unassigned = Personne
queue-overdue = Délais
queue-overdue-only = En retard seulement
queue-sort = Trier par
queue-sort-newest = Plus récents d'abord
queue-sort-oldest = Plus anciens d'abord
queue-sort-severity = Plus graves d'abord
queue-sort-due = Échéance la plus proche
queue-apply = Filtrer
queue-count = { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
}
queue-empty = Aucun dossier ne correspond.
queue-opened = Ouvert le
queue-due = Résolution attendue le
queue-late = en retard
queue-previous = Page précédente
queue-next = Page suivante
severity-critical = Critique
severity-high = Élevée
severity-medium = Moyenne
severity-low = Faible
case-status-new = Nouveau
case-status-triaged = Trié
case-status-in_progress = En cours
case-status-waiting_on_reporter = En attente de la personne
case-status-resolved = Résolu
case-status-closed = Clos
case-action-triage = Marquer comme trié
case-action-start = Commencer le travail
case-action-await_reporter = Attendre la personne
case-action-reporter_replied = La personne a répondu
case-action-resolve = Résoudre
case-action-close = Clore
case-action-close_as_spam = Clore comme indésirable
case-action-close_as_duplicate = Clore comme doublon
case-action-reopen = Rouvrir
case-title = Dossier { $id }
case-overdue = Ce dossier est en retard.
case-first-response-due = Première réponse attendue le
case-resolution-due = Résolution attendue le
case-take = Prendre ce dossier
case-report = Le signalement
case-thread = Messages avec la personne
case-from-reporter = Personne ayant signalé
case-write = Écrire à la personne
case-notes = Notes internes
case-add-note = Ajouter une note interne (jamais montrée à la personne)
case-save-note = Enregistrer la note
case-manage = Gravité et attribution
case-severity-reason = Raison du changement
case-change-severity = Changer la gravité
case-assign = Attribuer
case-history = Historique
case-transition-refused = Cette action n'est pas possible dans l'état actuel du dossier.
event-opened = signalement reçu
event-reporter_message = message de la personne
event-report_viewed = signalement ouvert
event-message_sent = message envoyé à la personne
event-status = état modifié
event-severity = gravité modifiée
event-assigned = attribué
event-note_added = note ajoutée

## Guides d'intervention
nav-playbooks = Guides
receipt-first-steps = Ce que vous pouvez faire dès maintenant, en attendant
case-playbooks = Guides d'intervention
playbooks-title = Guides d'intervention
playbooks-explain = Étapes de première réponse par type d'incident. Les réponses d'un signalement les sélectionnent pour son dossier ; la personne voit les étapes qui lui sont destinées dès l'envoi.
playbooks-reporter-steps = Étapes montrées à la personne
playbooks-edit = Modifier
playbooks-edit-explain = Une étape par ligne. Chaque langue doit avoir le même nombre d'étapes : la ligne N est la même étape dans chaque langue.
playbooks-field-title = Titre
playbooks-field-steps = Étapes pour le service d'assistance
playbooks-save = Enregistrer le guide
problem-step-count-mismatch = Chaque langue doit avoir le même nombre d'étapes, une par ligne.
event-step_done = étape faite
event-step_undone = étape défaite
case-tags = Étiquettes
case-tags-hint = Séparées par des virgules.
case-save-tags = Enregistrer les étiquettes
case-linked = Dossiers liés
case-owner = Organisation responsable
case-shared-with = Partagé avec
case-organize = Organiser
case-link-to = Lier au dossier numéro
case-link = Lier
case-merge-into = Ce signalement double le dossier numéro
case-merge = Fusionner dans ce dossier
case-share-with = Partager avec l'organisation
case-share = Partager
problem-no-consent = La personne n'a pas accepté que son signalement soit partagé avec les organisations partenaires.
problem-out-of-range = Hors limites : le journal n'est pas aussi grand.
problem-url-format = Doit être une adresse commençant par http:// ou https://.
problem-country-code = Doit être un code pays de deux lettres, comme TG ou IR.
problem-target-format = Chaque ligne doit être un domaine ou une adresse commençant par http:// ou https://.
problem-key-format = N’est pas une clé publique Ed25519 en base64.
problem-channel-address = N’est pas une adresse de ce type : une adresse électronique, une URL http(s)://, ou l’identifiant d’un salon Matrix (!…).
event-shared = partagé
event-linked = lié
event-merged = fusionné
event-tagged = étiquettes modifiées

## Fichiers
files-label = Fichiers (captures d'écran, vidéos, documents)
files-hint = { $files ->
    [one] Jusqu'à { $files } fichier
   *[other] Jusqu'à { $files } fichiers
}, { $per_file } Mo chacun, { $per_form } Mo en tout. Images, vidéos, messages vocaux, PDF ou texte.
files-refused-kind = Un fichier n'est pas d'un type accepté (images, vidéos, audio, PDF, texte). Rien n'a été gardé ; choisissez à nouveau vos fichiers.
files-refused-interrupted = L'envoi a été interrompu avant la fin (la connexion a peut-être été coupée). Aucun fichier n'a été gardé ; réessayez, ou envoyez votre signalement sans les fichiers.
files-refused-size = Les fichiers sont trop volumineux : { $per_file } Mo chacun et { $per_form } Mo en tout au maximum. Aucun fichier n'a été gardé ; choisissez des fichiers plus petits, ou envoyez votre signalement sans eux.
files-refused-count = Trop de fichiers ({ $files } au maximum). Aucun fichier n'a été gardé ; choisissez à nouveau vos fichiers.
files-attach-again = Choisissez à nouveau vos fichiers : ils n'ont pas été gardés car le formulaire contenait une erreur.
report-without-files-explain = Votre signalement n'est pas encore envoyé, et tout ce que vous avez écrit est toujours là. Vous pouvez l'envoyer maintenant sans les fichiers, puis les ajouter plus tard depuis la page de suivi avec votre code de reçu (quelques-uns à la fois si votre connexion est lente).
report-without-files = Envoyer mon signalement sans les fichiers
not-set-up-explain = Ce serveur Vigie n'est pas encore configuré : il ne peut pas recevoir de signalements. Contactez l'organisation qui vous a donné cette adresse, ou réessayez plus tard.
files-add-title = Ajouter des fichiers
files-add = Ajouter les fichiers
files-none-chosen = Aucun fichier n'a été choisi.
files-added = { $count ->
    [one] { $count } fichier ajouté.
   *[other] { $count } fichiers ajoutés.
}
case-files = Fichiers
event-files_added = fichiers ajoutés
event-file_viewed = fichier ouvert
event-thread_viewed = messages consultés
event-notes_viewed = notes consultées
queue-scope = Dossiers
queue-scope-own = De notre organisation
queue-scope-shared = Partagés avec nous

## Evidence vault
evidence-heading = Preuves
evidence-none = Aucune preuve enregistrée pour l'instant.
evidence-kind-file = Fichier
evidence-kind-capture = Page capturée
evidence-kind-post = Publication publique
evidence-leaf = Entrée n° { $index } du journal
evidence-added = Ajoutée le { $time } par { $who }
evidence-post-heading = Enregistrer une publication publique
evidence-post-platform = Plateforme
evidence-post-url = Adresse de la publication
evidence-post-author = Auteur (identifiant)
evidence-post-time = Publiée le (facultatif, tel qu'affiché sur la plateforme)
evidence-post-text = Texte de la publication
evidence-post-submit = Enregistrer la publication
evidence-capture-heading = Capturer une page web
evidence-capture-help = Vigie récupère la page maintenant et la conserve comme archive web (WARC), avec ses en-têtes, l'adresse atteinte après redirections et les certificats du site.
evidence-capture-url = Adresse à capturer
evidence-capture-submit = Capturer ce lien
evidence-capture-failed = La page n'a pas pu être capturée : { $reason }
evidence-bundle-heading = Dossier de preuves
evidence-bundle-help = Un seul fichier avec les preuves ouvertes, leurs fiches et les preuves cryptographiques de leur inscription au journal infalsifiable. Chacun peut le vérifier hors ligne avec « vigie verify ».
evidence-bundle-submit = Exporter le dossier de preuves
evidence-locked = Reconnectez-vous avec votre mot de passe pour ouvrir les preuves.
bundle-title = Dossier de preuves du cas { $case }
bundle-intro = Ce dossier contient les preuves du cas, son historique et les preuves cryptographiques que chaque élément a été inscrit au journal infalsifiable de l'instance. Cette page sert à la lecture ; la preuve est dans les fichiers qui l'accompagnent.
bundle-items = Éléments de preuve
bundle-kind = Type
bundle-what = Quoi
bundle-when = Capturé le
bundle-who = Ajouté par
bundle-history = Historique du cas
bundle-proof = Preuve
bundle-tree-head = Tête d'arbre signée : { $size ->
    [one] { $size } entrée
   *[other] { $size } entrées
} au journal le { $time } UTC. Racine :
bundle-key = Clé publique de l'instance :
bundle-how-to-verify = Pour vérifier tout le dossier hors ligne, lancez :
error-capture-failed = La page n'a pas pu être capturée (injoignable, refusée, trop grande, ou adresse interne).

## Campagnes
nav-campaigns = Campagnes
campaigns-title = Campagnes
campaigns-last-run = Dernière détection : { $time } UTC, { $observations ->
    [one] { $observations } publication lue
   *[other] { $observations } publications lues
}, { $campaigns ->
    [one] { $campaigns } campagne trouvée.
   *[other] { $campaigns } campagnes trouvées.
}
campaigns-never-run = La détection n'a pas encore été lancée.
campaigns-run = Lancer la détection
campaigns-run-hint = Lit toutes les publications enregistrées ; peut prendre une minute sur une grande collection.
campaigns-active-only = N'afficher que les campagnes actives
campaigns-show-all = Afficher aussi les campagnes qui ne sont plus détectées
campaigns-empty = Aucune campagne détectée.
campaign-title = Campagne { $id }
campaign-score = Score
campaign-accounts = Comptes
campaign-posts = Publications
campaign-platforms = Plateformes
campaign-first-seen = Vue la première fois
campaign-last-seen = Vue la dernière fois
campaign-hashtags = Hashtags
campaign-inactive = (plus détectée)
campaign-inactive-notice = La dernière détection n'a plus trouvé cette campagne ; elle est conservée avec ses liens vers les dossiers.
campaign-peak = Pic de publications par heure
campaign-burstiness = Rafales (−1 régulier, 0 aléatoire, 1 en rafales)
campaign-detected = Détectée le
campaign-top-accounts = Comptes les plus actifs
campaign-account = Compte
campaign-platform = Plateforme
campaign-account-links = Comptes liés
campaign-more-accounts = { $count ->
    [one] { $count } autre compte figure dans les exports.
   *[other] { $count } autres comptes figurent dans les exports.
}
campaign-representative = Publications représentatives
campaign-copies = { $count ->
    [one] { $count } quasi-copie
   *[other] { $count } quasi-copies
}
campaign-traces = Traces partagées
campaign-trace-posts = { $count ->
    [one] { $count } publication
   *[other] { $count } publications
}
campaign-cases = Dossiers liés
campaign-no-cases = Aucun dossier n'est lié à cette campagne.
campaign-unlink = Délier
campaign-link-case = Lier un dossier (numéro)
campaign-link = Lier le dossier
campaign-case-invalid = Saisissez un numéro de dossier.
campaign-case-unknown = Aucun dossier portant ce numéro ne vous est accessible.
campaign-export = Exporter
campaign-export-csv = Les publications (CSV, une ligne par publication)
campaign-export-json = Le rapport complet (JSON)
timeline-title = Publications dans le temps
timeline-per-hour = publications par heure, UTC
timeline-per-hours = { $hours ->
    [one] publications par heure, UTC
   *[other] publications par tranche de { $hours } heures, UTC
}
trace-text = Même texte
trace-image = Même image
trace-hashtag_sequence = Mêmes hashtags
trace-link = Même lien
trace-mention = Même mention
why-title = Pourquoi ces comptes sont-ils liés ?
why-account-a = Premier compte
why-account-b = Second compte
why-submit = Expliquer
why-direct = { $count ->
    [one] Liés directement par { $count } action coordonnée :
   *[other] Liés directement par { $count } actions coordonnées :
}
why-through = Liés par l'intermédiaire d'autres comptes :
why-not-linked = Ces deux comptes ne sont pas liés dans cette campagne.
why-unknown-account = L'un des comptes ne fait pas partie de cette campagne.
why-gap = à { $minutes } min { $seconds } s d'intervalle
case-campaigns = Campagnes et publications
case-campaigns-none = Aucune campagne n'est liée à ce dossier.
case-observations = Publications jointes
case-observations-none = Aucune publication jointe.
case-observations-attach = Joindre des publications
case-observations-hint = Numéros d'observation séparés par des virgules, tels que listés dans l'export JSON d'une campagne (post_ids).
case-observations-submit = Joindre
case-observations-invalid = Saisissez des numéros d'observation séparés par des virgules.
case-observations-unknown = L'un de ces numéros d'observation n'existe pas.
event-campaign_linked = campagne liée
event-campaign_unlinked = campagne déliée
event-observations_attached = publications jointes

## Veille réseau
nav-watch = Veille réseau
watch-title = Veille réseau
watch-intro = Coupures d’internet, ralentissements et sites bloqués, d’après les mesures ouvertes d’OONI et les sondes du réseau. La détection tourne toutes les dix minutes.
watch-refresh = Lancer la détection
watch-refresh-hint = Elle tourne aussi d’elle-même toutes les dix minutes.
watch-open-events = Événements en cours
watch-no-open-events = Aucun événement en cours.
watch-countries = Pays mesurés (30 derniers jours)
watch-no-data = Aucune mesure pour l’instant. Importez des mesures OONI avec `vigie import ooni`, ou enrôlez une sonde.
watch-no-recent = Aucune mesure dans les 30 derniers jours.
watch-older-stored = { $count ->
    [one] { $count } mesure plus ancienne est enregistrée :
   *[other] { $count } mesures plus anciennes sont enregistrées :
}
watch-measurements-count = { $count ->
    [one] { $count } mesure
   *[other] { $count } mesures
}
watch-period = Du { $from } au { $to } (UTC), tel que mesuré alors.
watch-period-recent = Les 30 derniers jours
watch-period-events = Événements commencés dans cette période
watch-period-no-events = Aucun événement n’a commencé dans cette période.
watch-country = Pays
watch-measurements = Mesures
watch-last-hour = Dernière heure avec des données
watch-country-title = Veille réseau : { $country }
watch-now-outage = En ce moment : une coupure est en cours.
watch-now-interference = En ce moment : interférence en cours (voir les événements ci-dessous).
watch-now-no-data = Aucune mesure de ce pays dans les 30 derniers jours.
watch-now-normal = En ce moment : rien d’anormal détecté.
watch-signals = Signaux par heure
watch-chart-title = Mesures et part réussie
watch-chart-shaded = En grisé : les événements détectés.
watch-chart-empty = Aucune mesure à tracer.
watch-per-hour = par heure, UTC
watch-per-hours = { $hours ->
    [one] par heure, UTC
   *[other] par tranche de { $hours } heures, UTC
}
watch-signal-volume = mesures
watch-signal-success = part réussie
watch-blocked-targets = Cibles bloquées, par réseau
watch-no-blocked-targets = Aucune cible vue bloquée.
watch-asn = Réseau
watch-test = Test
watch-target = Cible
watch-state = État
watch-layer = Où
watch-blocked-of = Bloquées / mesurées
watch-all-events = Événements des 30 derniers jours
watch-no-events = Aucun événement dans les 30 derniers jours.
watch-event-kind = Type
watch-event-subject = Objet
watch-event-start = Début
watch-event-end = Fin
watch-event-severity = Gravité
watch-ongoing = en cours
watch-kind-blocking = Blocage
watch-kind-outage = Coupure
watch-kind-throttling = Ralentissement
watch-layer-dns = DNS
watch-layer-tcp_ip = TCP/IP
watch-layer-http-failure = échec HTTP ou TLS
watch-layer-http-diff = page remplacée
watch-state-reachable = accessible
watch-state-blocked = bloquée
watch-state-insufficient = pas assez de mesures
alerts-title = Alertes
alerts-intro = Une alerte part quand un événement commence et quand il se termine.
alerts-show-all = Toutes les alertes
alerts-show-mine = Seulement mes pays
alerts-feed-json = Flux JSON
alerts-feed-atom = Flux Atom
alerts-subscriptions = Mes pays
alerts-subscriptions-hint = Codes de deux lettres séparés par des espaces (TG BJ IR), ou * pour tous les pays.
alerts-subscribe = Enregistrer
alerts-empty = Aucune alerte pour l’instant.
alert-at = Quand
alert-change = Changement
alert-opened = ouvert
alert-closed = clos
alert-summary-open = En cours depuis le { $start } UTC.
alert-summary-ended = Du { $start } au { $end } UTC.
disruptions-title = Perturbations
probes-title = Sondes
probes-intro = Les sondes du réseau mesurent les cibles ci-dessous depuis les connexions des membres et envoient des résultats signés, mis en attente tant que le serveur est injoignable.
probes-targets = Cibles
probes-targets-label = Cibles mesurées par chaque sonde
probes-targets-hint = Un domaine ou une adresse http(s) par ligne ; les lignes commençant par # sont des commentaires.
probes-targets-save = Enregistrer les cibles
probes-enrolled = Sondes enrôlées
probes-none = Aucune sonde enrôlée pour l’instant.
probe-name = Nom
probe-enrolled-at = Enrôlée le
probe-last-seen = Dernier résultat
probe-revoked = Révoquée
probe-revoke = Révoquer
probes-enrol = Enrôler une sonde
probes-enrol-hint = Un jeton enrôle une sonde dans les sept jours. Remettez-le au membre en personne ou par un canal sûr.
probes-new-token = Nouveau jeton d’enrôlement
probes-token-once = Jeton d’enrôlement (affiché une seule fois) :
probes-token-command = Sur la machine du membre :

## Disruptions
disruptions-intro = Coupures et ralentissements d’internet, dans les champs du jeu de données STOP d’Access Now. Les détecteurs proposent des fiches ; les coordinateurs les confirment, les corrigent ou les rejettent. Chaque changement est conservé.
disruptions-new = Saisir une perturbation
disruptions-export = Exporter en CSV STOP
disruptions-empty = Aucune fiche de perturbation.
disruptions-filter-all = Toutes
disruption-review-proposed = proposée
disruption-review-confirmed = confirmée
disruption-review-rejected = rejetée
disruption-col-start = Début
disruption-col-end = Fin
disruption-col-review = Revue
disruption-col-type = Type
disruption-col-area = Zone
disruption-title = Perturbation { $id }
disruption-version = version { $version }
disruption-origin-detected = Proposée par le détecteur pour l’événement { $event }.
disruption-origin-manual = Saisie à la main.
disruption-origin-imported = Importée d’un fichier STOP (ligne { $row }).
disruption-event = Événement détecté
disruption-evidence = Preuves de Vigie
disruption-evidence-cells = Mesures à l’appui
disruption-confirm = Confirmer
disruption-reject = Rejeter
disruption-reopen = Remettre en proposition
disruption-note = Note (raison du changement)
disruption-edit = Modifier
disruption-save = Enregistrer une nouvelle version
disruption-create = Créer la fiche
disruption-problems = Valeurs à vérifier (gardées telles quelles) :
disruption-versions = Historique
disruption-version-by-system = Vigie
disruption-changed-meanwhile = Quelqu’un a enregistré une autre version entre-temps : rechargez la page et refaites votre modification.
disruption-fields = Champs (vocabulaire STOP)
disruption-fields-hint = Utilisez les mots de STOP (proposés à la saisie) ; plusieurs valeurs séparées par une virgule. Dates au format AAAA-MM-JJ.
stop-col-start_date_type = Date de début : réelle ou estimée
stop-col-start_date = Date de début
stop-col-country = Pays
stop-col-geo_scope = Portée géographique
stop-col-area_name = Zone
stop-col-shutdown_type = Type (coupure, ralentissement)
stop-col-affected_network = Réseau touché
stop-col-shutdown_extent = Étendue (réseau entier, services)
stop-col-ordered_by = Ordonnée par
stop-col-decision_maker = Décideur
stop-col-actual_cause = Cause réelle
stop-col-actual_cause_details = Détails de la cause
stop-col-info_source = Type de source
stop-col-info_source_link = Liens des sources
stop-col-shutdown_status = Statut
stop-col-end_date = Date de fin
stop-col-duration = Durée (jours)
stop-col-gov_justification = Justification du gouvernement
stop-col-gov_just_details = Détails de la justification
stop-col-gov_ack = Reconnue par le gouvernement
stop-col-legal_just = Justification légale donnée
stop-col-legal_method = Fondement légal
stop-col-gov_ack_source = Source de la reconnaissance
stop-col-gov_ack_quote = Citation de la reconnaissance
stop-col-facebook_affected = Facebook touché
stop-col-twitter_affected = Twitter/X touché
stop-col-whatsapp_affected = WhatsApp touché
stop-col-instagram_affected = Instagram touché
stop-col-telegram_affected = Telegram touché
stop-col-other_affected = Autres services touchés
stop-col-sms_affected = SMS touchés
stop-col-phonecall_affected = Appels touchés
stop-col-telcos_involved = Opérateurs impliqués
stop-col-telco_ack = Reconnue par l’opérateur
stop-col-telco_ack_source = Source de l’opérateur
stop-col-telco_ack_quote = Citation de l’opérateur
stop-col-election = Pendant une élection
stop-col-violence = Violences associées
stop-col-hr_abuse_reported = Atteintes aux droits signalées
stop-col-users_targeted = Usagers ciblés
stop-col-users_target_detail = Qui était ciblé
stop-col-users_notified = Usagers prévenus
stop-col-econ_impact = Impact économique
stop-col-event = Ce qui s’est passé
stop-col-an_link = Lien Access Now
stop-col-region = Région
stop-col-count_year = Année comptée
stop-problem-missing = obligatoire
stop-problem-not-a-date = pas une date (STOP écrit 2019-06-22)
stop-problem-not-days = pas un nombre de jours
stop-problem-negative-duration = une durée négative
stop-problem-not-a-year = pas une année
stop-problem-end-before-start = finit avant de commencer
stop-problem-ended-without-end = marquée terminée mais sans date de fin
stop-problem-ongoing-with-end = marquée en cours mais avec une date de fin
stop-problem-unknown-country = aucun code ISO 3166 connu pour ce pays
stop-problem-spelling = STOP l’écrit « { $stop } »
stop-problem-vocabulary = pas un des mots de STOP ({ $words })

## Signalements aux plateformes (codes du module escalation de vigie-core)
escalation-platform-facebook = Facebook
escalation-platform-instagram = Instagram
escalation-platform-whatsapp = WhatsApp
escalation-platform-threads = Threads
escalation-platform-x = X (Twitter)
escalation-platform-telegram = Telegram
escalation-platform-tiktok = TikTok
escalation-platform-youtube = YouTube
escalation-platform-other = { $name } (autre plateforme)
escalation-company-meta = Meta
escalation-company-google = Google
escalation-channel-trusted_partner = Canal partenaire de confiance ou signaleur de confiance
escalation-channel-in_product = Signalement dans l'application
escalation-channel-web_form = Formulaire web
escalation-channel-email = Courriel
escalation-channel-legal_request = Demande juridique
escalation-category-threat_of_violence = Menace de violence
escalation-category-incitement = Incitation à la violence
escalation-category-hate = Discours de haine
escalation-category-harassment = Harcèlement ou intimidation
escalation-category-sexual_harassment = Harcèlement sexuel
escalation-category-doxing = Divulgation d'informations privées (doxing)
escalation-category-non_consensual_intimate_imagery = Images intimes diffusées sans consentement
escalation-category-impersonation = Usurpation d'identité
escalation-category-coordinated_inauthentic_behaviour = Comportement inauthentique coordonné
escalation-category-defamation = Diffamation
escalation-category-other = Autre
escalation-item-post = Publication
escalation-item-account = Compte
escalation-item-group = Groupe, page ou chaîne
escalation-outcome-removed = Retiré
escalation-outcome-restricted_reach = Portée restreinte
escalation-outcome-restricted_age = Restreint selon l'âge
escalation-outcome-labelled = Signalé par une étiquette
escalation-outcome-account_suspended = Compte suspendu
escalation-outcome-no_violation_found = Aucune infraction constatée
escalation-outcome-no_reply = Pas de réponse
escalation-status-draft = Brouillon
escalation-status-sent = Envoyé
escalation-status-acknowledged = Réception confirmée
escalation-status-decided = Décision reçue
escalation-status-closed = Clos
escalation-action-send = Marquer comme envoyé
escalation-action-acknowledge = Noter l'accusé de réception
escalation-action-decide = Noter la décision
escalation-action-close = Clore
escalation-link-reescalation = Nouveau signalement
escalation-link-appeal = Recours
escalation-dimension-platform = Plateforme
escalation-dimension-category = Catégorie de règle
escalation-dimension-country = Pays
escalation-dimension-severity = Gravité
escalation-dimension-month = Mois
escalation-dimension-quarter = Trimestre
escalation-dimension-year = Année
event-escalation_created = signalé à une plateforme
event-escalation_status = statut du signalement à la plateforme modifié
event-escalation_reescalation = signalé de nouveau à une plateforme
event-escalation_appeal = recours contre la décision de la plateforme
event-escalation_package = dossier d'envoi à la plateforme créé
nav-accountability = Redevabilité
accountability-title = Redevabilité des plateformes
accountability-intro = Ce que l'organisation a signalé aux plateformes, le temps qu'elles ont mis à répondre et à agir, et la fréquence à laquelle elles ont agi. Les délais courent depuis l'envoi du signalement.
accountability-from = Du
accountability-to = Au
accountability-group = Regrouper par
accountability-group-none = Rien (tout ensemble)
accountability-period = Par période
accountability-period-none = Toute la période
accountability-apply = Afficher
accountability-items-total = { $count ->
    [one] Un élément signalé sur cette période.
   *[other] { $count } éléments signalés sur cette période.
}
accountability-empty = Rien n'a été envoyé à une plateforme sur cette période.
accountability-table = Chiffres par groupe
accountability-all = Tous les éléments
accountability-items = Éléments
accountability-first-reply = Délai de première réponse
accountability-action = Délai d'action
accountability-median = Médiane
accountability-p90 = 90e centile
accountability-action-rate = Taux d'action
accountability-never-answered = Jamais de réponse
accountability-re-escalated = Signalés de nouveau
accountability-country-unknown = Pays inconnu
accountability-hours = { $n } h
accountability-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
accountability-per-platform = Par plateforme
accountability-chart-action-rate = Taux d'action par plateforme (éléments traités, sur ceux qui ont reçu une décision)
accountability-chart-median-action = Délai d'action médian par plateforme
accountability-chart-distribution = Délai d'action : éléments traités en
accountability-within-1h = 1 heure
accountability-within-6h = 6 heures
accountability-within-1d = 1 jour
accountability-within-3d = 3 jours
accountability-within-7d = 7 jours
accountability-within-30d = 30 jours
accountability-within-more = plus de 30 jours
accountability-trend = Évolution
accountability-chart-trend = Taux d'action et délai d'action médian par trimestre
accountability-chart-empty = pas encore de chiffre.
accountability-method = Médianes et 90e centiles au rang le plus proche, sur les éléments qui ont reçu une réponse ou une action (n). Action : retrait, restriction, étiquette ou compte suspendu ; le taux porte sur les éléments qui ont reçu une décision (« pas de réponse » n'en est pas une). « Jamais de réponse » et « signalés de nouveau » portent sur tous les éléments.

## Escalation pages
escalations-heading = Signalements aux plateformes
escalations-none = Ce dossier n'a pas été signalé à une plateforme.
escalation-new-link = Signaler à une plateforme
escalation-platform = Plateforme
escalation-channel = Canal
escalation-status = Statut
escalation-items = Éléments
escalation-overdue = Pas de réponse dans le délai (échéance { $due } UTC)
escalation-new-heading = Signaler à une plateforme
escalation-new-title = Signaler le dossier n° { $id } à une plateforme
escalation-back-to-case = Retour au dossier
escalation-platform-other-choice = Une autre plateforme (écrire son nom)
escalation-other-name = Nom de l'autre plateforme
escalation-narrative = Exposé pour la plateforme
escalation-narrative-hint = Scellé comme les notes. Il n'entre dans un dossier d'envoi que si vous cochez « inclure l'exposé ».
escalation-no-evidence = Le dossier n'a pas encore de preuve : enregistrez une publication ou capturez une page d'abord.
escalation-create = Enregistrer le signalement comme brouillon
escalation-title = Signalement n° { $id }
escalation-of-case = Dossier n° { $id }
escalation-created-at = Rédigé
escalation-sent-at = Envoyé
escalation-acknowledged-at = Accusé de réception
escalation-decided-at = Décidé
escalation-closed-at = Clos
escalation-at-hint = Laisser vide pour maintenant (UTC).
escalation-follow-up = Signaler de nouveau ou faire appel
escalation-follow-up-submit = Rédiger la suite
escalation-field-problem = { $field } : { $problem }
escalation-item-problem = Élément { $n } : { $problem }
escalation-refused-transition = Cette étape n'est pas possible dans le statut actuel du signalement.
escalation-refused-time-order = Cette date précède l'étape précédente.
escalation-refused-outcome-count = Donnez un résultat par élément.
escalation-refused-not-decided = Seul un signalement décidé ou clos peut être signalé de nouveau ou faire l'objet d'un appel.
escalation-field-platform = Plateforme
escalation-field-channel = Canal
escalation-field-narrative = Exposé
escalation-field-items = Éléments
escalation-field-item_type = Type
escalation-field-url = Adresse (URL)
escalation-field-post_id = Identifiant de la publication sur la plateforme
escalation-field-account = Compte (ou nom du groupe)
escalation-field-name = Nom du groupe ou de la chaîne
escalation-field-excerpt = Extrait
escalation-field-language = Langue de l'extrait (ar, fr, en…)
escalation-field-translation = Traduction
escalation-field-media = Médias
escalation-field-platform_words = Les mots de la plateforme
escalation-field-platform_policy = Nom de la règle de la plateforme (facultatif)
escalation-field-reference = Référence de la plateforme
escalation-field-at = Date et heure (UTC)
escalation-field-evidence_item = Élément de preuve
escalation-field-posted_at = Publié le
escalation-field-severity = Gravité
escalation-field-category = Catégorie de règle
escalation-field-outcome = Résultat
escalation-field-kind = Nature
accountability-report = Rapport de transparence
accountability-report-intro = Les chiffres de cette période publiables sans risque : des agrégats seulement, les effectifs inférieurs à 5 affichés « < 5 », signés par la clé de cette instance.
accountability-report-html = Page web
accountability-report-pdf = PDF
accountability-report-csv = Chiffres signés (CSV)
transparency-title = Rapport de transparence : { $org }
transparency-org = Organisation
transparency-period = Période
transparency-generated = Produit le
transparency-intro = Ce que l'organisation a signalé aux plateformes en ligne sur cette période, le temps que les plateformes ont mis à répondre et à agir, et la fréquence à laquelle elles ont agi. Des chiffres agrégés uniquement : aucun dossier, aucune personne, aucune publication n'y est identifiable.
transparency-all-platforms = Toutes les plateformes
transparency-first-reply = Délai de première réponse : médiane / 90e centile
transparency-action = Délai d'action : médiane / 90e centile
transparency-method-title = Méthode
transparency-method-period = Sont comptés les éléments des signalements envoyés à une plateforme pendant la période, dans l'état du registre au moment où le rapport a été produit ; un élément signalé peu avant la fin de la période peut ne pas encore avoir reçu de réponse. Les délais courent de l'envoi du signalement à la première réponse de la plateforme (accusé de réception ou décision) et à son action.
transparency-method-percentiles = Médianes et 90e centiles sont calculés au rang le plus proche sur les éléments qui ont reçu une réponse (ou une action) : la valeur de rang p × n, arrondi à l'entier supérieur, parmi les n délais triés. n figure à côté de chaque chiffre.
transparency-method-action = Une action est un retrait, une restriction (de portée ou par âge), une étiquette ou la suspension du compte. Le taux d'action est la part des éléments traités parmi ceux sur lesquels la plateforme a rendu une décision ; « pas de réponse » n'est pas une décision. « Jamais de réponse » et « signalés de nouveau » sont des parts de l'ensemble des éléments.
transparency-method-suppression = Les petits effectifs sont masqués : un effectif inférieur à 5 est affiché « < 5 », zéro compris, et une médiane, un centile ou une part calculés sur moins de 5 éléments ne sont pas affichés (« — »). Le total est masqué lui aussi lorsqu'il révélerait un effectif masqué par soustraction.
transparency-method-signature = Les chiffres ci-dessous, en CSV, sont signés avec la clé Ed25519 de l'instance. Chacun peut vérifier qu'un chiffre cité n'a pas été modifié : la méthode est décrite dans le document « Vérifier un rapport de transparence » (docs/transparency-report.md) de Vigie.
transparency-signature-title = Chiffres signés
transparency-signature-intro = Le CSV exact que couvre la signature (UTF-8, une ligne par rangée, sauts de ligne LF) :
transparency-signature = Signature Ed25519 (base64)
transparency-public-key = Clé publique de l'instance (Ed25519, base64)
escalation-package-heading = Dossier pour la plateforme
escalation-package-help = Chaque élément avec l'empreinte de sa preuve et sa preuve d'inclusion dans le journal signé. L'identité, le contact et les mots de la personne qui a signalé n'y figurent jamais.
escalation-package-language = Langue du dossier
escalation-package-include-narrative = Inclure l'exposé (ce choix est inscrit dans l'historique du dossier)
escalation-package-title = Dossier de signalement n° { $id } — { $platform }
escalation-package-generated = Produit le (UTC)
escalation-package-notifier = Notifiant
escalation-package-contact = Contact
escalation-package-item = Élément { $n }
escalation-package-leaf = Feuille { $index } du journal de conservation
escalation-package-tree-head = Tête d'arbre signée
escalation-package-tree-head-help = La preuve d'inclusion de chaque élément (dans le dossier JSON) mène de sa feuille à cette racine, signée par la clé de l'instance ci-dessous.
escalation-package-dsa = Notification au titre de l'article 16, paragraphe 2, du règlement sur les services numériques
escalation-package-dsa-locations = Emplacement exact de chaque élément
escalation-package-dsa-reasons = Motifs
escalation-package-dsa-good-faith = Déclaration de bonne foi
escalation-package-good-faith = Nous déclarons croire de bonne foi que les informations et allégations contenues dans la présente notification sont exactes et complètes.

# Escalation lists, reminders and campaigns (issue 12)
escalation-campaign = Campagne
escalation-campaign-hint = Une campagne détectée, liée à ce dossier, dont font partie les éléments : le signalement apparaît alors sur la page de la campagne.
escalation-campaign-none = Aucune
escalations-none-campaign = Aucun dossier lié à cette campagne n'a été signalé à une plateforme.
escalations-list-title = Signalements aux plateformes
escalations-overdue-heading = En attente d'une plateforme au-delà de son délai de réponse
escalations-overdue-none = Aucune plateforme n'est en retard pour répondre.
escalations-overdue-hint = Envoyés, et ni accusés ni tranchés dans le délai de réponse de la plateforme : relancez la plateforme, ou signalez de nouveau par un autre canal.
escalations-recent-heading = Signalements les plus récents
escalations-none-org = Votre organisation n'a encore rien signalé à une plateforme.
escalation-case = Dossier
queue-escalations-overdue = { $count ->
    [one] { $count } signalement attend une plateforme au-delà de son délai de réponse.
   *[other] { $count } signalements attendent une plateforme au-delà de leur délai de réponse.
}
nav-escalations = Signalements
escalation-campaign-title = Signaler des publications de la campagne { $id }
escalation-back-to-campaign = Retour à la campagne
escalation-campaign-intro = Pour des publications qu'aucun dossier ne contient. Chaque publication cochée devient un élément avec la catégorie et la gravité ci-dessous et son texte comme extrait ; le dossier d'envoi n'a pas de preuve d'intégrité pour elles (les publications importées ne sont pas dans le journal de conservation : capturez-les dans un dossier pour cela).
escalation-campaign-platform-hint = Une plateforme par signalement : seules ses publications sont retenues.
escalation-campaign-link = Signaler les publications de cette campagne à une plateforme
escalation-campaign-more-posts = { $count ->
    [one] { $count } autre publication n'est pas listée : signalez d'abord celles-ci, puis le reste.
   *[other] { $count } autres publications ne sont pas listées : signalez d'abord celles-ci, puis le reste.
}

## Le réseau : annuaire, astreinte, alertes, canaux, tâches
event-paged = alerte d'astreinte envoyée
event-page_acknowledged = alerte d'astreinte prise en charge
skill-digital_forensics = analyse forensique
skill-account_recovery = récupération de compte
skill-platform_escalation = escalade aux plateformes
skill-legal = appui juridique
skill-psychosocial = soutien psychosocial
skill-training = formation
skill-shutdown_measurement = mesure des coupures
availability-available = disponible
availability-limited = urgences seulement
availability-unavailable = indisponible
weekday-mon = lundi
weekday-tue = mardi
weekday-wed = mercredi
weekday-thu = jeudi
weekday-fri = vendredi
weekday-sat = samedi
weekday-sun = dimanche
channel-email = courriel
channel-webhook = webhook
channel-matrix = salon Matrix
page-step-on_call = astreinte
page-step-coordinators = coordination
delivery-failing = en échec, réessayé
delivery-delivered = remis
delivery-failed = échoué
reason-language = parle { $language }
reason-country = travaille en/au { $country }
reason-on-call = d'astreinte maintenant
reason-limited = urgences seulement
directory-title = Annuaire du réseau
directory-explain = Qui peut aider, sur quoi, dans quelles langues et quels pays. Le moyen de joindre chacun est scellé pour son organisation.
directory-edit-mine = Modifier ma fiche
directory-skill = Compétence
directory-language = Langue (code)
directory-filter = Filtrer
directory-people = Personnes
directory-orgs = Organisations
directory-name = Nom
directory-org = Organisation
directory-skills = Compétences
directory-languages = Langues
directory-countries = Pays
directory-availability = Disponibilité
directory-contact = Comment me joindre en sécurité
directory-contact-hint = Scellé pour votre organisation : seuls ses membres le voient.
directory-contact-locked = scellé (reconnectez-vous pour l'ouvrir)
directory-contact-sealed = scellé pour son organisation
directory-focus = Domaines
directory-mine = Ma fiche dans l'annuaire
directory-mine-explain = Vos collègues vous trouvent par vos compétences et vos langues ; les cas qui en ont besoin vous proposent.
directory-languages-hint = Codes séparés par des virgules : fr, ar, en, wo…
directory-countries-hint = Codes ISO séparés par des virgules : SN, TG, JO…
directory-save = Enregistrer
directory-org-entry = La fiche de mon organisation
directory-org-contacts = Les contacts sûrs de l'organisation
rota-title = Astreinte
rota-explain = Qui répond quand un cas critique arrive et que personne ne l'a pris. Les créneaux se répètent chaque semaine ; les heures sont en UTC.
rota-now = D'astreinte maintenant :
rota-nobody = personne (la coordination est alertée)
rota-slots = Créneaux hebdomadaires
rota-day = Jour
rota-from = De
rota-to = À
rota-person = Personne
rota-delete = Retirer
rota-handovers = Passations
rota-handed-by = passée par
rota-add = Ajouter un créneau
rota-utc = UTC, au format HH:MM
rota-hand-over = Passer l'astreinte
rota-hours = Pendant combien d'heures
rapid-title = Réponse rapide
rapid-no-pages = Personne n'a été alerté pour ce cas.
rapid-paged = { $who } a été alerté·e
rapid-acknowledged = pris en charge par { $who }
rapid-suggested-people = Qui pourrait le prendre
rapid-suggested-partners = Organisations partenaires qui pourraient aider
ack-title = Le cas { $id } a besoin de vous
ack-explain = Un cas critique attend. Prenez-le en charge pour le dire : personne d'autre ne sera alerté.
ack-button = Je m'en occupe
ack-already = Cette alerte a déjà été prise en charge.
ack-done = Pris en charge. Merci : l'historique du cas l'indique.
channels-title = Mes canaux d'alerte
channels-explain = Où vont vos alertes : astreinte, cas qui vous sont confiés, tests.
channels-none = Aucun canal pour l'instant : les alertes ne s'affichent que sur ce site.
channels-test = Envoyer un test
channels-delete = Retirer
channels-add = Ajouter un canal
channels-kind = Type
channels-address = Adresse
channels-address-hint = Une adresse électronique, l'URL d'un webhook (https://…) ou l'identifiant d'un salon Matrix (!salon:serveur).
channels-label = Nom (facultatif)
channels-secret-once = Le secret de signature du webhook, affiché une seule fois : donnez-le au destinataire pour vérifier les signatures.
channels-test-queued = Une alerte de test est en route.
channels-what-alerts-say = Une alerte ne contient jamais le contenu d'un signalement : seulement « un cas a besoin de vous » et un lien.
unsubscribe-title = Arrêter ces alertes
unsubscribe-confirm = Retirer ce canal d'alerte
unsubscribe-done = Ce canal est retiré : il ne recevra plus d'alertes.
alert-page-subject = Vigie : le cas critique { $id } attend quelqu'un
alert-page-on-call = Un cas critique est arrivé et personne ne l'a encore pris. Vous êtes d'astreinte.
alert-page-coordinators = Un cas critique est arrivé et personne ne l'a encore pris, pas même la personne d'astreinte.
alert-page-action = Prendre en charge
alert-assigned-subject = Vigie : le cas { $id } vous est confié
alert-assigned-lead = Un cas vous a été confié.
alert-open-case = Ouvrir le cas
alert-test-subject = Vigie : alerte de test
alert-test-lead = Ceci est un test : ce canal fonctionne.
alert-open-channels = Vos canaux d'alerte
alert-footer = Envoyé par Vigie. Une alerte ne contient jamais le contenu d'un signalement.
alert-unsubscribe = Arrêter les alertes sur ce canal
jobs-title = File des tâches
jobs-explain = Travail de fond et envois. Une tâche qui échoue est réessayée avec des délais croissants ; après son dernier essai elle est morte et attend ici.
jobs-pending = En attente
jobs-running = En cours
jobs-dead = Mortes
jobs-kind = Type
jobs-run-at = Prévue à
jobs-attempts = Essais
jobs-error = Dernière erreur
jobs-retrying = (réessai)
jobs-retry = Réessayer
jobs-discard = Abandonner
jobs-deliveries = Derniers envois
jobs-delivery-key = Clé d'envoi
jobs-state = État
jobs-answer = Réponse du destinataire
jobs-updated = Mis à jour
