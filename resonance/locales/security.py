"""Strings of the access defences: outgoing-request guard, declared secrets, "Tester", sign-in limits, signed backups."""
STRINGS = {
    # outgoing requests refused before anything is sent
    "connectors.guard.refused": (
        "Demande de la source « {source} » vers {host} refusée, rien n'a été envoyé : {why}.",
        "Request of source '{source}' to {host} refused, nothing was sent: {why}.",
    ),
    "connectors.guard.redirects": (
        "La source « {source} » a été redirigée plus de {n} fois : demande abandonnée, vérifiez son adresse.",
        "Source '{source}' was redirected more than {n} times: request abandoned, check its address.",
    ),
    "connectors.guard.kind.scheme": (
        "seule une adresse http:// ou https:// avec un nom d'hôte est acceptée",
        "only an http:// or https:// address with a host name is accepted",
    ),
    "connectors.guard.kind.loopback": (
        "l'adresse désigne le serveur lui-même (bouclage) ; un administrateur peut autoriser cet hôte (RESONANCE_ALLOW_HOSTS)",
        "the address is the server itself (loopback); an administrator may allow this host (RESONANCE_ALLOW_HOSTS)",
    ),
    "connectors.guard.kind.private": (
        "l'adresse appartient à un réseau privé ou réservé ; un administrateur peut autoriser cet hôte (RESONANCE_ALLOW_HOSTS)",
        "the address belongs to a private or reserved network; an administrator may allow this host (RESONANCE_ALLOW_HOSTS)",
    ),
    "connectors.guard.kind.link_local": (
        "l'adresse est locale au lien (169.254.x.x, fe80::), là où se trouvent les services de métadonnées",
        "the address is link-local (169.254.x.x, fe80::), where metadata services live",
    ),
    "connectors.guard.kind.metadata": (
        "l'adresse est celle d'un service de métadonnées d'hébergeur",
        "the address is a cloud provider's metadata service",
    ),
    "connectors.guard.kind.cgnat": (
        "l'adresse appartient à l'espace partagé des opérateurs (100.64.0.0/10)",
        "the address belongs to the carriers' shared space (100.64.0.0/10)",
    ),
    "connectors.guard.kind.multicast": (
        "l'adresse est une adresse de multidiffusion",
        "the address is a multicast address",
    ),
    "connectors.guard.kind.redirects": (
        "plus de {n} redirections",
        "more than {n} redirects",
    ),
    "connectors.guard.kind.secret_host": (
        "le secret « {secret} » n'est lié qu'à {hosts} ; un administrateur ajoute un hôte dans sa déclaration [secrets.{secret}]",
        "secret '{secret}' is bound to {hosts} only; an administrator adds a host in its declaration [secrets.{secret}]",
    ),
    "connectors.guard.kind.redirect_secret": (
        "une redirection vers un autre hôte aurait emporté le jeton de la requête",
        "a redirect to another host would have carried the request's token",
    ),
    "connectors.guard.kind.too_big": (
        "la réponse dépasse {size} Mo une fois décompressée",
        "the answer exceeds {size} MB once decompressed",
    ),
    "connectors.error.too_big": (
        "La réponse de {host} à la source « {source} » dépasse {size} Mo une fois décompressée : lecture arrêtée, rien n'a été chargé.",
        "The answer of {host} to source '{source}' exceeds {size} MB once decompressed: reading stopped, nothing was loaded.",
    ),
    # "Tester": reachable / not reachable / refused, never the body
    "connectors.test.reachable": (
        "Joignable : {host} a répondu à la source « {source} » et accepté sa demande.",
        "Reachable: {host} answered source '{source}' and accepted its request.",
    ),
    "connectors.test.unreachable": (
        "Injoignable : la source « {source} » n'a pas obtenu de réponse utilisable de {host} ({why}).",
        "Not reachable: source '{source}' got no usable answer from {host} ({why}).",
    ),
    "connectors.test.refused": (
        "Refusé : la demande de la source « {source} » vers {host} n'est pas partie ({why}).",
        "Refused: the request of source '{source}' to {host} was not sent ({why}).",
    ),
    "connectors.test.why.timeout": ("pas de réponse dans le délai", "no answer in time"),
    "connectors.test.why.unreachable": ("connexion impossible", "cannot connect"),
    "connectors.test.why.status": ("le service a répondu par une erreur", "the service answered with an error"),
    "connectors.test.why.auth": ("le jeton a été refusé", "the token was refused"),
    "connectors.test.why.answer": ("la réponse n'a pas la forme attendue", "the answer does not have the expected shape"),
    "connectors.test.why.secret": ("le secret de la source n'est pas disponible", "the source's secret is not available"),
    "connectors.test.why.config": ("la déclaration de la source est incomplète", "the source's declaration is incomplete"),
    # declared secrets
    "sources.secret_unknown": (
        "{where} : le secret « {secret} » n'est pas déclaré. Un administrateur le déclare dans {file} ([secrets.{secret}] avec env ou key, et hosts).",
        "{where}: secret '{secret}' is not declared. An administrator declares it in {file} ([secrets.{secret}] with env or key, and hosts).",
    ),
    "sources.secret_bad": (
        "{file}, secret « {secret} » : {problem}",
        "{file}, secret '{secret}': {problem}",
    ),
    "sources.secret_needs_origin": (
        "indiquez où lire sa valeur : env = \"NOM_DE_VARIABLE\" ou key = \"clé de .streamlit/secrets.toml\"",
        "say where its value is read: env = \"VARIABLE_NAME\" or key = \"key of .streamlit/secrets.toml\"",
    ),
    "sources.secret_needs_hosts": (
        "indiquez les hôtes auxquels il peut être envoyé : hosts = [\"api.brevo.com\"]",
        "list the hosts it may be sent to: hosts = [\"api.brevo.com\"]",
    ),
    "sources.page_no_token_env": (
        "{where} : une source créée dans la page choisit un secret déclaré par un administrateur (champ « Secret »), jamais une variable d'environnement.",
        "{where}: a source created in the page chooses a secret declared by an administrator ('Secret' field), never an environment variable.",
    ),
    "sources.no_secret_value": (
        "Le secret « {secret} » de la source « {source} » n'a pas de valeur sur ce serveur (ni dans l'environnement, ni dans .streamlit/secrets.toml) : un administrateur doit la fournir.",
        "Secret '{secret}' of source '{source}' has no value on this server (neither in the environment nor in .streamlit/secrets.toml): an administrator must provide it.",
    ),
    "connectors.field.secret": ("Secret (déclaré par un administrateur)", "Secret (declared by an administrator)"),
    "connectors.field.secret_help": (
        "Les secrets sont déclarés par un administrateur dans le fichier des sources, chacun lié aux hôtes auxquels il peut être envoyé.",
        "Secrets are declared by an administrator in the sources file, each bound to the hosts it may be sent to.",
    ),
    "connectors.field.no_secret": ("(aucun)", "(none)"),
    # sign-in
    "trust.password_common": (
        "Ce mot de passe fait partie des plus courants (un mot connu entouré de chiffres ou de symboles) : choisissez une phrase de passe de plusieurs mots.",
        "This password is one of the most common (a known word wrapped in digits or symbols): choose a passphrase of several words.",
    ),
    "trust.busy": (
        "Trop de connexions en cours : réessayez dans quelques secondes.",
        "Too many sign-ins in progress: try again in a few seconds.",
    ),
    "trust.demo_refused": (
        "Le mode démonstration ne s'ouvre que sur cet ordinateur, sans relais : cette demande vient d'ailleurs (nom d'hôte, origine ou en-têtes de relais). Créez le premier administrateur pour ouvrir l'application.",
        "Demonstration mode opens only on this computer, without a relay: this request comes from elsewhere (host name, origin or relay headers). Create the first administrator to open the app.",
    ),
    # signed backups
    "backup.no_key": (
        "Aucune clé de sauvegarde : définissez RESONANCE_BACKUP_KEY (au moins 16 caractères, gardée par l'administrateur hors du serveur de données) ou donnez --key-file FICHIER.",
        "No backup key: set RESONANCE_BACKUP_KEY (at least 16 characters, kept by the administrator away from the data server) or give --key-file FILE.",
    ),
    "backup.short_key": (
        "La clé de sauvegarde doit compter au moins 16 caractères.",
        "The backup key needs at least 16 characters.",
    ),
    "backup.key_file": (
        "Impossible de lire la clé de sauvegarde dans {file} : vérifiez le chemin et les droits du fichier.",
        "Cannot read the backup key from {file}: check the file's path and permissions.",
    ),
    "restore.unsigned": (
        "La sauvegarde {dir} n'est pas signée : elle ne peut pas être restaurée (seules les sauvegardes signées avec la clé de l'administrateur le sont).",
        "Backup {dir} is not signed: it cannot be restored (only backups signed with the administrator's key can be).",
    ),
    "restore.bad_signature": (
        "La signature de la sauvegarde {dir} ne correspond pas : elle a été modifiée après coup, ou signée avec une autre clé. Rien n'a été restauré.",
        "The signature of backup {dir} does not match: it was changed afterwards, or signed with another key. Nothing was restored.",
    ),
    "backup.cli.key_file": ("fichier contenant la clé de signature des sauvegardes", "file holding the backups' signing key"),
    # admin page: declared secrets
    "security.admin.secrets": ("Secrets des connecteurs", "Connector secrets"),
    "security.admin.secrets_help": (
        "Déclarés par un administrateur dans {file} ([secrets.NOM] avec env ou key, et hosts). Les éditeurs choisissent un de ces noms pour une source ; la valeur n'est jamais affichée ni envoyée à un autre hôte.",
        "Declared by an administrator in {file} ([secrets.NAME] with env or key, and hosts). Editors pick one of these names for a source; the value is never shown nor sent to another host.",
    ),
    "security.admin.col.secret": ("Secret", "Secret"),
    "security.admin.col.read_from": ("Lu dans", "Read from"),
    "security.admin.col.hosts": ("Hôtes autorisés", "Allowed hosts"),
    "security.admin.col.has_value": ("Valeur présente", "Value present"),
    "security.admin.no_secrets": ("Aucun secret déclaré.", "No secret declared."),
    "security.admin.allow_hosts": (
        "Hôtes internes autorisés pour les connecteurs (RESONANCE_ALLOW_HOSTS) : {hosts}.",
        "Internal hosts allowed for the connectors (RESONANCE_ALLOW_HOSTS): {hosts}.",
    ),
    "security.admin.no_allow_hosts": (
        "Aucun hôte interne autorisé : les connecteurs n'atteignent que des adresses publiques (RESONANCE_ALLOW_HOSTS pour en autoriser).",
        "No internal host allowed: the connectors reach public addresses only (RESONANCE_ALLOW_HOSTS to allow some).",
    ),
    "sources.secret_bad_name": (
        "un nom de secret s'écrit en lettres, chiffres, « _ » ou « - »",
        "a secret's name is written with letters, digits, '_' or '-'",
    ),
    "security.admin.declare": ("Déclarer un secret", "Declare a secret"),
    "security.admin.field.name": ("Nom du secret (choisi par les éditeurs)", "Secret's name (chosen by editors)"),
    "security.admin.field.env": ("Variable d'environnement qui contient la valeur", "Environment variable holding the value"),
    "security.admin.field.key": ("… ou clé de .streamlit/secrets.toml", "… or key of .streamlit/secrets.toml"),
    "security.admin.field.hosts": ("Hôtes auxquels il peut être envoyé (séparés par des virgules)", "Hosts it may be sent to (comma-separated)"),
    "security.admin.declare_button": ("Déclarer", "Declare"),
    "security.admin.declared": ("Secret « {name} » déclaré.", "Secret '{name}' declared."),
    "security.admin.withdraw": ("Retirer un secret déclaré ici", "Withdraw a secret declared here"),
    "security.admin.withdraw_button": ("Retirer", "Withdraw"),
    "security.admin.withdrawn": ("Secret « {name} » retiré.", "Secret '{name}' withdrawn."),
}
