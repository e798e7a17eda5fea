"""Strings of the API connectors, declared sources, sync runs, the Connecteurs page and the `sync` command."""
STRINGS = {
    # HTTP errors, whatever the platform (never a token in them)
    "connectors.error.timeout": (
        "{platform} ({host}) n'a pas répondu en {seconds} s, {attempts} fois de suite, pour la source « {source} ». Le service est peut-être surchargé : réessayez plus tard ; rien n'a été chargé.",
        "{platform} ({host}) did not answer within {seconds} s, {attempts} times in a row, for source '{source}'. The service may be overloaded: try again later; nothing was loaded.",
    ),
    "connectors.error.unreachable": (
        "Impossible de joindre {platform} ({host}) pour la source « {source} » : vérifiez l'adresse de la source et la connexion du serveur ; rien n'a été chargé.",
        "Cannot reach {platform} ({host}) for source '{source}': check the source's address and the server's connection; nothing was loaded.",
    ),
    "connectors.error.request": (
        "La requête vers {platform} ({host}) pour la source « {source} » n'a pas pu partir ({error}) : vérifiez l'adresse de la source.",
        "The request to {platform} ({host}) for source '{source}' could not be sent ({error}): check the source's address.",
    ),
    "connectors.error.rate_limited": (
        "{platform} ({host}) limite le nombre de requêtes (réponse {status}, {attempts} essais) pour la source « {source} » : réessayez dans quelques minutes ; rien n'a été chargé.",
        "{platform} ({host}) is rate-limiting requests (answer {status}, {attempts} attempts) for source '{source}': try again in a few minutes; nothing was loaded.",
    ),
    "connectors.error.down": (
        "{platform} ({host}) est indisponible (erreur {status}, {attempts} essais) pour la source « {source} » : le service a un incident, réessayez plus tard ; rien n'a été chargé.",
        "{platform} ({host}) is unavailable (error {status}, {attempts} attempts) for source '{source}': the service has an incident, try again later; nothing was loaded.",
    ),
    "connectors.error.auth": (
        "{platform} a refusé le jeton de la source « {source} » : vérifiez la variable {token_env} (environnement ou .streamlit/secrets.toml), qu'elle n'a pas expiré et qu'elle donne accès en lecture ; rien n'a été chargé.",
        "{platform} refused the token of source '{source}': check the variable {token_env} (environment or .streamlit/secrets.toml), that it has not expired and that it grants read access; nothing was loaded.",
    ),
    "connectors.error.not_found": (
        "{platform} ({host}) ne connaît pas l'adresse {path} demandée par la source « {source} » : vérifiez l'URL et les identifiants (site, campagne, liste) de la source.",
        "{platform} ({host}) does not know the address {path} asked by source '{source}': check the source's URL and ids (site, campaign, list).",
    ),
    "connectors.error.status": (
        "{platform} ({host}) a répondu par l'erreur {status} à la source « {source} » : vérifiez sa configuration ; rien n'a été chargé.",
        "{platform} ({host}) answered error {status} to source '{source}': check its configuration; nothing was loaded.",
    ),
    "connectors.error.not_json": (
        "{platform} ({host}) a renvoyé à la source « {source} » une réponse qui n'est pas du JSON (une page d'erreur ou de connexion ?) : vérifiez l'URL de la source ; rien n'a été chargé.",
        "{platform} ({host}) sent source '{source}' an answer that is not JSON (an error or sign-in page?): check the source's URL; nothing was loaded.",
    ),
    "connectors.error.missing_field": (
        "La réponse de {platform} pour la source « {source} » n'a pas le champ attendu « {field} » ({what}). L'API a peut-être changé : signalez-le ; rien n'a été chargé.",
        "{platform}'s answer for source '{source}' lacks the expected field '{field}' ({what}). The API may have changed: report it; nothing was loaded.",
    ),
    "connectors.error.not_number": (
        "Dans la réponse de {platform} pour la source « {source} », le champ « {field} » n'est pas un nombre ({what}) ; rien n'a été chargé.",
        "In {platform}'s answer for source '{source}', field '{field}' is not a number ({what}); nothing was loaded.",
    ),
    "connectors.error.not_date": (
        "Dans la réponse de {platform} pour la source « {source} », le champ « {field} » n'est pas une date ({what}) ; rien n'a été chargé.",
        "In {platform}'s answer for source '{source}', field '{field}' is not a date ({what}); nothing was loaded.",
    ),
    "connectors.error.shape": (
        "La réponse de {platform} pour la source « {source} » n'a pas la forme attendue. L'API a peut-être changé : signalez-le ; rien n'a été chargé.",
        "{platform}'s answer for source '{source}' does not have the expected shape. The API may have changed: report it; nothing was loaded.",
    ),
    # Matomo
    "connectors.matomo.site": (
        "Matomo ne connaît pas le site n°{site_id} (ou le jeton n'y a pas accès) pour la source « {source} » : vérifiez site_id dans Administration › Sites web ; rien n'a été chargé.",
        "Matomo does not know site #{site_id} (or the token has no access to it) for source '{source}': check site_id under Administration › Websites; nothing was loaded.",
    ),
    "connectors.matomo.error": ("Matomo a répondu par une erreur pour la source « {source} » : {message}", "Matomo answered with an error for source '{source}': {message}"),
    "connectors.matomo.ping": ("Connexion réussie : site « {site} », Matomo {version}.", "Connected: site '{site}', Matomo {version}."),
    "connectors.matomo.shape": (
        "La réponse de Matomo ({method}) pour la source « {source} » n'a pas la forme attendue (un tableau par jour) ; rien n'a été chargé.",
        "Matomo's answer ({method}) for source '{source}' does not have the expected shape (one table per day); nothing was loaded.",
    ),
    "connectors.matomo.what": ("jour {day}, {method}", "day {day}, {method}"),
    # Brevo
    "connectors.brevo.ping": ("Connexion réussie : compte Brevo « {account} ».", "Connected: Brevo account '{account}'."),
    "connectors.brevo.what_list": ("liste des campagnes à partir de la n°{offset}", "campaign list from #{offset}"),
    "connectors.brevo.what": ("campagne {id} « {name} »", "campaign {id} '{name}'"),
    # Mailchimp
    "connectors.mailchimp.ping": ("Connexion réussie : Mailchimp répond « {status} ».", "Connected: Mailchimp says '{status}'."),
    "connectors.mailchimp.what_list": ("liste des rapports à partir du n°{offset}", "report list from #{offset}"),
    "connectors.mailchimp.what": ("rapport de la campagne {id}", "report of campaign {id}"),
    # press feeds
    "connectors.feed.not_xml": (
        "Le flux de la source « {source} » n'est pas du XML lisible : vérifiez que l'adresse est bien celle d'un flux RSS ou Atom ; rien n'a été chargé.",
        "The feed of source '{source}' is not readable XML: check that the address is an RSS or Atom feed; nothing was loaded.",
    ),
    "connectors.feed.not_feed": (
        "Le document de la source « {source} » n'est ni un flux RSS ni un flux Atom (élément racine « {tag} ») ; rien n'a été chargé.",
        "The document of source '{source}' is neither an RSS nor an Atom feed (root element '{tag}'); nothing was loaded.",
    ),
    "connectors.feed.missing": (
        "L'article n°{number} du flux « {source} » n'a pas de champ « {field} » ; rien n'a été chargé.",
        "Article #{number} of feed '{source}' has no '{field}' field; nothing was loaded.",
    ),
    "connectors.feed.missing_date": (
        "L'article n°{number} du flux « {source} » (« {title} ») n'a pas de date lisible (champ « {field} ») ; rien n'a été chargé.",
        "Article #{number} of feed '{source}' ('{title}') has no readable date (field '{field}'); nothing was loaded.",
    ),
    "connectors.feed.too_big": ("Le flux de la source « {source} » dépasse 5 Mo : ce n'est sans doute pas un flux de presse.", "The feed of source '{source}' is over 5 MB: probably not a press feed."),
    "connectors.feed.ping": ("Flux lisible : {count} articles.", "Feed readable: {count} articles."),
    "connectors.feed.no_keywords": (
        "La source « {source} » n'a ni mot-clé ni campagne : indiquez les mots-clés qui désignent la campagne.",
        "Source '{source}' has neither keywords nor a campaign: give the keywords that point to the campaign.",
    ),
    "connectors.feed.no_keyword_label": ("(aucun mot-clé)", "(no keyword)"),
    # generic URL
    "connectors.url.format": (
        "Le rapport publié à l'adresse de la source « {source} » n'est ni du CSV ni du JSON lisible : indiquez format = \"csv\" ou \"json\".",
        "The report published at source '{source}''s address is neither readable CSV nor JSON: set format = \"csv\" or \"json\".",
    ),
    "connectors.url.ping": ("Rapport lisible : {rows} lignes, colonnes {columns}.", "Report readable: {rows} rows, columns {columns}."),
}
STRINGS.update({
    # declared sources
    "sources.toml_invalid": ("Le fichier {file} n'est pas du TOML valide : {error}. Corrigez-le ; aucune source n'a été lue.", "{file} is not valid TOML: {error}. Fix it; no source was read."),
    "sources.toml_no_list": ("Dans {file}, les sources se déclarent en [[source]] (une table par source).", "In {file}, sources are declared as [[source]] (one table per source)."),
    "sources.where_file": ("{file}, source n°{index}", "{file}, source #{index}"),
    "sources.where_page": ("La source", "The source"),
    "sources.duplicate": ("{where} : deux sources s'appellent « {name} ». Donnez-leur des noms différents.", "{where}: two sources are named '{name}'. Give them different names."),
    "sources.not_table": ("{where} n'est pas une table TOML [[source]].", "{where} is not a [[source]] TOML table."),
    "sources.missing_key": ("{where} : la clé « {field} » manque. Ajoutez-la.", "{where}: the key '{field}' is missing. Add it."),
    "sources.unknown_keys": ("{where} : clés inconnues {keys}. Clés possibles : {known}.", "{where}: unknown keys {keys}. Possible keys: {known}."),
    "sources.bad_kind": ("{where} : type « {kind} » inconnu. Types possibles : {kinds}.", "{where}: unknown kind '{kind}'. Possible kinds: {kinds}."),
    "sources.bad_url": ("{where} : l'adresse « {url} » doit commencer par https:// (ou http://).", "{where}: the address '{url}' must start with https:// (or http://)."),
    "sources.no_secret_here": (
        "{where} : un jeton ne s'écrit jamais dans la déclaration. Nommez la variable qui le contient avec token_env, et mettez le jeton dans l'environnement ou dans .streamlit/secrets.toml.",
        "{where}: a token is never written in the declaration. Name the variable holding it with token_env, and put the token in the environment or in .streamlit/secrets.toml.",
    ),
    "sources.bad_site_id": ("{where} : site_id « {value} » n'est pas un numéro de site Matomo (un entier, par exemple 12).", "{where}: site_id '{value}' is not a Matomo site number (an integer, e.g. 12)."),
    "sources.bad_date": ("{where} : {field} = « {value} » n'est pas une date AAAA-MM-JJ.", "{where}: {field} = '{value}' is not a YYYY-MM-DD date."),
    "sources.bad_mapping": ("{where} : [source.{field}] doit associer des libellés à des noms (texte = texte).", "{where}: [source.{field}] must map labels to names (text = text)."),
    "sources.bad_choice": ("{where} : {field} = « {value} » n'est pas permis. Valeurs possibles : {choices}.", "{where}: {field} = '{value}' is not allowed. Possible values: {choices}."),
    "sources.declared_read_only": (
        "La source « {name} » est déclarée dans {file} : modifiez-la dans ce fichier (la page ne peut que l'activer ou la désactiver).",
        "Source '{name}' is declared in {file}: edit it in that file (the page can only switch it on or off).",
    ),
    "sources.unknown": ("Aucune source ne s'appelle « {name} ».", "No source is named '{name}'."),
    # sync
    "sync.unknown_partner": ("partenaire « {partner} » introuvable dans Résonance", "partner '{partner}' not found in Résonance"),
    "sync.unknown_campaign": ("campagne « {campaign} » introuvable dans Résonance", "campaign '{campaign}' not found in Résonance"),
    "sync.no_campaign": ("aucune campagne associée à ce libellé", "no campaign mapped to this label"),
    "sync.no_keyword": ("articles sans aucun des mots-clés de la source", "articles with none of the source's keywords"),
    "sync.no_token": (
        "La source « {source} » attend son jeton dans la variable {token_env}, qui n'est définie ni dans l'environnement ni dans .streamlit/secrets.toml : ajoutez-la, puis relancez.",
        "Source '{source}' expects its token in the variable {token_env}, set neither in the environment nor in .streamlit/secrets.toml: add it, then run again.",
    ),
    "sync.unexpected": (
        "La synchronisation de « {source} » a échoué de façon inattendue ({error}) : rien n'a été chargé. Signalez-le avec l'heure de l'essai.",
        "Syncing '{source}' failed unexpectedly ({error}): nothing was loaded. Report it with the time of the attempt.",
    ),
    "sync.unknown_sources": ("Sources inconnues : {names}. Voyez la page Connecteurs ou data/sources.toml.", "Unknown sources: {names}. See the Connectors page or data/sources.toml."),
    "sync.progress": ("Synchronisation de « {source} » ({n}/{total})…", "Syncing '{source}' ({n}/{total})…"),
    "sync.progress_done": ("{total} source(s) synchronisée(s).", "{total} source(s) synced."),
})
STRINGS.update({
    "cli.sync.help": ("synchronise les sources API (Matomo, Brevo, Mailchimp, flux de presse, URL)", "sync the API sources (Matomo, Brevo, Mailchimp, press feeds, URLs)"),
    "cli.sync.description": (
        "Récupère les chiffres des sources déclarées (data/sources.toml ou RESONANCE_SOURCES) et configurées dans la page Connecteurs. Code de sortie : 0 si toutes ont réussi, 1 si l'une a échoué (les autres sont chargées), 2 si la commande est erronée.",
        "Pulls the figures of the sources declared (data/sources.toml or RESONANCE_SOURCES) and configured in the Connectors page. Exit code: 0 when all succeeded, 1 when one failed (the others are loaded), 2 when the command is wrong.",
    ),
    "cli.sync.source": ("ne synchroniser que cette source (répétable ; même désactivée)", "sync only this source (repeatable; even when switched off)"),
    "cli.sync.since": ("redemander depuis ce jour au lieu du curseur", "ask again from this day instead of the cursor"),
    "cli.sync.json": ("résumé en JSON sur la sortie standard", "summary as JSON on standard output"),
    "cli.sync.list": ("liste les sources connues sans rien synchroniser", "list the known sources without syncing"),
    "cli.sync.bad_date": ("« {value} » n'est pas une date AAAA-MM-JJ", "'{value}' is not a YYYY-MM-DD date"),
    "cli.sync.none": ("Aucune source active : déclarez-en dans {file} ou dans la page Connecteurs.", "No active source: declare some in {file} or in the Connectors page."),
    "cli.sync.ok": ("✓ {name} : {rows} lignes chargées ({since} → {until})", "✓ {name}: {rows} rows loaded ({since} → {until})"),
    "cli.sync.failed": ("✗ {name} : {error}", "✗ {name}: {error}"),
    "cli.sync.unmapped": ("    libellé non associé « {label} » ({volumes}) : {reason}", "    unmapped label '{label}' ({volumes}): {reason}"),
    "cli.sync.on": ("active", "on"),
    "cli.sync.off": ("désactivée", "off"),
})
STRINGS.update({
    "connectors.page.intro": (
        "Les chiffres qui viennent seuls : Matomo, Brevo, Mailchimp, flux de presse et rapports publiés par les partenaires. Les sources se configurent ici ou se déclarent dans {file} ; les jetons restent dans l'environnement ou .streamlit/secrets.toml.",
        "Figures that come by themselves: Matomo, Brevo, Mailchimp, press feeds and reports published by partners. Sources are configured here or declared in {file}; tokens stay in the environment or .streamlit/secrets.toml.",
    ),
    "connectors.page.empty.title": ("Aucune source pour l'instant", "No source yet"),
    "connectors.page.empty.body": (
        "Ajoutez une source ci-dessous (éditeurs) ou déclarez-la dans data/sources.toml, puis synchronisez.",
        "Add a source below (editors) or declare it in data/sources.toml, then sync.",
    ),
    "connectors.page.runs": ("Derniers passages", "Last runs"),
    "connectors.page.pick": ("Source", "Source"),
    "connectors.page.no_runs": ("Aucune synchronisation pour l'instant.", "No sync yet."),
    "connectors.page.mpp": (
        "Ouvertures automatiques Apple Mail (protection de la vie privée) signalées par Brevo au dernier passage : {count} ({campaigns}). Elles gonflent les ouvertures : lisez le taux d'ouverture avec prudence.",
        "Automatic Apple Mail (privacy protection) opens reported by Brevo at the last run: {count} ({campaigns}). They inflate opens: read the open rate with care.",
    ),
    "connectors.page.unmapped": (
        "{count} libellé(s) de la source ne correspondent à aucune campagne : leurs chiffres n'ont pas été chargés. Associez-les ci-dessous.",
        "{count} label(s) of the source match no campaign: their figures were not loaded. Map them below.",
    ),
    "connectors.page.actions": ("Synchroniser et configurer", "Sync and configure"),
    "connectors.page.sync_all": ("Synchroniser les {count} sources actives", "Sync the {count} active sources"),
    "connectors.page.starting": ("Démarrage…", "Starting…"),
    "connectors.page.synced": ("{name} : {rows} lignes chargées.", "{name}: {rows} rows loaded."),
    "connectors.page.test": ("Tester la connexion", "Test the connection"),
    "connectors.page.testing": ("Test en cours…", "Testing…"),
    "connectors.page.sync_one": ("Synchroniser maintenant", "Sync now"),
    "connectors.page.enabled": ("Source active", "Source on"),
    "connectors.page.map_title": ("**Associer un libellé à une campagne** (pris en compte à la prochaine synchronisation)", "**Map a label to a campaign** (used at the next sync)"),
    "connectors.page.campaign": ("Campagne", "Campaign"),
    "connectors.page.map": ("Associer", "Map"),
    "connectors.page.mapped": ("« {label} » est associé à « {campaign} » : synchronisez pour charger ses chiffres.", "'{label}' is mapped to '{campaign}': sync to load its figures."),
    "connectors.page.add": ("Ajouter ou modifier une source", "Add or edit a source"),
    "connectors.page.save": ("Enregistrer la source", "Save the source"),
    "connectors.page.saved": ("Source « {name} » enregistrée. Testez la connexion, puis synchronisez.", "Source '{name}' saved. Test the connection, then sync."),
    "connectors.field.name": ("Nom de la source (ex. matomo-1j1s)", "Source name (e.g. matomo-1j1s)"),
    "connectors.field.url": ("Adresse", "Address"),
    "connectors.field.url_help": (
        "Matomo : l'adresse de l'instance. Brevo, Mailchimp : laisser vide. Flux : l'adresse RSS ou Atom. URL : le rapport CSV ou JSON.",
        "Matomo: the instance address. Brevo, Mailchimp: leave empty. Feed: the RSS or Atom address. URL: the CSV or JSON report.",
    ),
    "connectors.field.site_id": ("Numéro de site Matomo", "Matomo site id"),
    "connectors.field.ids": ("Identifiants de campagnes ou de rapports (facultatif, séparés par des virgules)", "Campaign or report ids (optional, comma separated)"),
    "connectors.field.token_env": ("Variable qui contient le jeton (ex. MATOMO_TOKEN)", "Variable holding the token (e.g. MATOMO_TOKEN)"),
    "connectors.field.token_help": (
        "Jamais le jeton lui-même : son nom. Le jeton se met dans l'environnement du serveur ou dans .streamlit/secrets.toml.",
        "Never the token itself: its name. The token goes in the server's environment or in .streamlit/secrets.toml.",
    ),
    "connectors.field.keywords": ("Mots-clés (flux de presse, séparés par des virgules)", "Keywords (press feeds, comma separated)"),
    "connectors.field.partner": ("Partenaire (facultatif)", "Partner (optional)"),
    "connectors.field.since": ("Premier jour à récupérer", "First day to fetch"),
    "connectors.col.name": ("Source", "Source"),
    "connectors.col.kind": ("Type", "Kind"),
    "connectors.col.status": ("État", "Status"),
    "connectors.col.last_run": ("Dernier passage", "Last run"),
    "connectors.col.rows": ("Lignes", "Rows"),
    "connectors.col.error": ("Erreur", "Error"),
    "connectors.col.origin": ("Configurée dans", "Configured in"),
    "connectors.col.target": ("Adresse", "Address"),
    "connectors.col.started": ("Début", "Started"),
    "connectors.col.since": ("Depuis", "From"),
    "connectors.col.until": ("Jusqu'au", "To"),
    "connectors.col.replaced": ("Remplacées", "Replaced"),
    "connectors.col.duplicates": ("Articles déjà connus", "Articles already known"),
    "connectors.col.duration": ("Durée", "Duration"),
    "connectors.col.label": ("Libellé dans la source", "Label in the source"),
    "connectors.col.volumes": ("Volumes non chargés", "Volumes not loaded"),
    "connectors.col.reason": ("Pourquoi", "Why"),
    "connectors.kind.matomo": ("Matomo", "Matomo"),
    "connectors.kind.brevo": ("Brevo", "Brevo"),
    "connectors.kind.mailchimp": ("Mailchimp", "Mailchimp"),
    "connectors.kind.feed": ("Flux de presse", "Press feed"),
    "connectors.kind.url": ("Rapport à une URL", "Report at a URL"),
    "connectors.origin.file": ("fichier des sources", "sources file"),
    "connectors.origin.page": ("cette page", "this page"),
    "connectors.status.ok": ("✓ réussie", "✓ succeeded"),
    "connectors.status.error": ("✗ échec", "✗ failed"),
    "connectors.status.running": ("en cours", "running"),
    "connectors.status.never": ("jamais synchronisée", "never synced"),
    "connectors.status.off": ("désactivée", "switched off"),
})
