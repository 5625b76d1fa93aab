// The help of aggregator-host: a general page and one entry per command.
#include "cli/commands.hpp"
#include "cli/text_table.hpp"

#include "refhost/i18n.hpp"

#include <ostream>

namespace refhost::cli {

const std::vector<command_help>& command_helps() {
    static const std::vector<command_help> helps{
        {"seed", "seed FILE.json",
         "importe utilisateurs, droits, sociétés et comptes bancaires", "imports users, rights, companies and bank accounts",
         "Lit un fichier JSON {\"users\":[…],\"companies\":[…]} et met à jour la base par identifiant.\n"
         "Relancer la commande avec le même fichier ne change rien. Les droits d'un utilisateur deviennent\n"
         "exactement ceux du fichier. Un champ invalide est signalé avec son chemin JSON.",
         "Reads a JSON file {\"users\":[…],\"companies\":[…]} and upserts by id. Running it again with the\n"
         "same file changes nothing. A user's rights become exactly those of the file. A bad field is\n"
         "reported with its JSON path."},
        {"users list", "users list", "liste les utilisateurs et leurs droits", "lists users and their rights", "", ""},
        {"companies list", "companies list", "liste les sociétés et leurs comptes bancaires",
         "lists companies and their bank accounts", "", ""},
        {"aggregators available", "aggregators available",
         "le menu des agrégateurs : plugins chargés et échecs de chargement",
         "the aggregator menu: loaded plugins and load failures",
         "Cherche les plugins (*.plugin.json) dans les répertoires de plugins (--plugins DIR, sinon\n"
         "<préfixe>/lib/aggregator-host/plugins une fois installé, ou le répertoire plugins/ de la compilation,\n"
         "plus AGGREGATOR_HOST_PLUGINS) et affiche leur nom, leur version et leur identifiant, puis chaque\n"
         "échec de chargement avec son message.",
         "Looks for plugins (*.plugin.json) in the plugin directories (--plugins DIR, else\n"
         "<prefix>/lib/aggregator-host/plugins once installed, or the build's plugins/ directory, plus\n"
         "AGGREGATOR_HOST_PLUGINS) and shows their name, version and id, then each load failure with its\n"
         "message."},
        {"aggregators add",
         "aggregators add <provider-id> --instance ID [--form FILE.json | --set KEY=VALUE ...] [--password-stdin]\n"
         "                [--interval SECONDS] [--settings JSON] [--disabled]",
         "crée une instance d'agrégateur et enregistre sa configuration",
         "creates an aggregator instance and saves its configuration",
         "Crée l'instance ID du fournisseur <provider-id> puis appelle « configure » avec le formulaire\n"
         "(--form FILE.json, complété par --set KEY=VALUE). Le mot de passe se lit sur l'entrée standard\n"
         "(--password-stdin) : il n'est jamais affiché ni journalisé. Le fournisseur teste la connexion\n"
         "avant d'enregistrer ; en cas d'échec rien n'est gardé. --interval : période de synchronisation\n"
         "(3600 s par défaut) ; --settings : réglages du nœud pour l'instance, par exemple\n"
         "'{\"storage\":{\"backend\":\"sqlite\"}}'. Droits : configuration et administration de la plateforme.",
         "Creates instance ID of provider <provider-id>, then calls \"configure\" with the form (--form\n"
         "FILE.json, completed by --set key=value). The password is read from standard input\n"
         "(--password-stdin): it is never shown nor logged. The provider tests the connection before saving;\n"
         "on failure nothing is kept. --interval: sync period (3600 s by default); --settings: node settings\n"
         "for the instance, e.g. '{\"storage\":{\"backend\":\"sqlite\"}}'. Rights: platform configuration\n"
         "and administration."},
        {"aggregators configure", "aggregators configure ID [--form FILE.json | --set KEY=VALUE ...] [--password-stdin]",
         "modifie la configuration (sans mot de passe : il est conservé)",
         "updates the configuration (without a password, it is kept)", "", ""},
        {"aggregators list", "aggregators list", "liste les instances et leur planification",
         "lists instances and their schedule", "", ""},
        {"aggregators show", "aggregators show ID", "affiche la configuration d'une instance",
         "shows an instance's configuration", "", ""},
        {"aggregators test", "aggregators test ID [--form FILE.json | --set KEY=VALUE ...] [--password-stdin]",
         "teste la connexion (configuration enregistrée, ou celle donnée, sans l'enregistrer)",
         "tests the connection (saved configuration, or the given one, without saving it)", "", ""},
        {"aggregators status", "aggregators status ID", "état de l'instance, de chaque société et de la planification",
         "state of the instance, of each company and of the schedule", "", ""},
        {"aggregators schedule", "aggregators schedule ID [--interval SECONDS] [--enable | --disable]",
         "change la planification d'une instance", "changes an instance's schedule", "", ""},
        {"aggregators remove", "aggregators remove ID [--keep-data]",
         "supprime une instance, ses secrets et ses données (le grand livre est conservé)",
         "removes an instance, its secrets and its data (the ledger is kept)", "", ""},
        {"companies match", "companies match ID", "rapport de rapprochement dossiers distants / sociétés",
         "match report: remote dossiers and host companies",
         "Affiche le texte du rapport (liens exacts, propositions, non rapprochés, avec les raisons) ;\n"
         "--json affiche le rapport complet.",
         "Prints the report's text (exact links, proposals, unmatched, with reasons); --json prints the\n"
         "whole report."},
        {"companies confirm", "companies confirm ID --dossier D --company C [--unlink]",
         "lie (ou délie) un dossier distant et une société", "links (or unlinks) a remote dossier and a company", "", ""},
        {"companies activate", "companies activate ID C... [--from DATE]",
         "active des sociétés (mouvements livrés à partir d'une date)",
         "activates companies (movements delivered from a date)", "", ""},
        {"companies deactivate", "companies deactivate ID C...", "désactive des sociétés", "deactivates companies", "", ""},
        {"company bank-links", "company C bank-links ID", "comptes bancaires distants d'une société et leurs liens",
         "a company's remote bank accounts and their links", "", ""},
        {"company bank-links set", "company C bank-links ID set --rib RIBKEY --account BANKACCOUNTID [--from DATE]",
         "lie un compte distant (clé RIB de 21 caractères) à un compte bancaire de la société",
         "links a remote account (21-character RIB key) to a bank account of the company", "", ""},
        {"company bank-links unset", "company C bank-links ID unset --rib RIBKEY", "délie un compte distant",
         "unlinks a remote account", "", ""},
        {"sync now", "sync now ID", "synchronise maintenant et affiche le rapport d'exécution",
         "syncs now and prints the run report",
         "Affiche la progression, puis le résumé du rapport (--json : le rapport). Une seule exécution à la\n"
         "fois par instance : si une synchronisation est en cours, la commande échoue. Code de sortie 0 si\n"
         "l'état final est « ok », 1 sinon. Ctrl-C demande l'arrêt de l'exécution.",
         "Shows progress, then a summary of the run report (--json: the report). One run at a time per\n"
         "instance: if a sync is running, the command fails. Exit code 0 when the final state is \"ok\",\n"
         "1 otherwise. Ctrl-C asks the run to stop."},
        {"scheduler run", "scheduler run [--once] [--for SECONDS]",
         "planificateur : synchronise chaque instance active à son intervalle (±10 %)",
         "scheduler: syncs each enabled instance at its interval (±10 %)",
         "Sans option, tourne jusqu'à Ctrl-C ou SIGTERM. --once : lance une fois chaque instance due, attend\n"
         "la fin et sort (code 1 si une exécution a échoué). --for S : s'arrête après S secondes. Jamais deux\n"
         "exécutions simultanées d'une même instance, même entre plusieurs processus. La prochaine exécution\n"
         "est prévue à intervalle × (1 ± 10 %) du début de la précédente. À l'arrêt, les exécutions en cours\n"
         "sont priées de s'interrompre et sont attendues. Une ligne par exécution terminée (--json : un\n"
         "rapport JSON par ligne).",
         "Without options, runs until Ctrl-C or SIGTERM. --once: starts every due instance once, waits and\n"
         "exits (code 1 if a run failed). --for S: stops after S seconds. Never two runs of one instance at\n"
         "a time, even across processes. The next run is due interval × (1 ± 10 %) after the previous one\n"
         "started. On stop, running syncs are asked to cancel and are waited for. One line per finished run\n"
         "(--json: one JSON report per line)."},
        {"ledger summary", "ledger summary", "grand livre : par société et compte, nombre, somme, première et dernière date",
         "ledger: per company and account, count, sum, first and last date", "", ""},
        {"ledger list", "ledger list --company C [--account A] [--limit N]",
         "les mouvements d'une société, les plus récents d'abord (50 par défaut)",
         "a company's movements, newest first (50 by default)", "", ""},
        {"help", "help [COMMAND...]", "aide générale ou d'une commande", "general help or a command's help", "", ""},
    };
    return helps;
}

bool print_help(std::ostream& out, const std::string& topic) {
    const bool english = current_language() == language::en;
    if (topic.empty()) {
        out << (english ? "aggregator-host: the reference host (a stand-in accounting platform) for aggregator plugins.\n\n"
                          "Usage: aggregator-host [OPTIONS] COMMAND [ARGUMENTS]\n\n"
                          "Options (anywhere on the line):\n"
                        : "aggregator-host : l'hôte de référence (plateforme comptable de substitution) des plugins d'agrégateurs.\n\n"
                          "Usage : aggregator-host [OPTIONS] COMMANDE [ARGUMENTS]\n\n"
                          "Options (n'importe où sur la ligne) :\n");
        text_table options({english ? "Option" : "Option", english ? "Meaning" : "Rôle"});
        options.add({"--home DIR", english ? "host directory (env AGGREGATOR_HOST_HOME, default ./aggregator-host-home)"
                                           : "répertoire de l'hôte (env AGGREGATOR_HOST_HOME, défaut ./aggregator-host-home)"});
        options.add({"--user ID", english ? "acting user (env AGGREGATOR_HOST_USER)" : "utilisateur qui agit (env AGGREGATOR_HOST_USER)"});
        options.add({"--lang fr|en", english ? "language of messages (French by default)" : "langue des messages (français par défaut)"});
        options.add({"--plugins DIR", english ? "plugin directory, repeatable (plus env AGGREGATOR_HOST_PLUGINS)"
                                              : "répertoire de plugins, répétable (plus env AGGREGATOR_HOST_PLUGINS)"});
        options.add({"--json", english ? "machine-readable output" : "sortie JSON pour les programmes"});
        options.add({"--verbose, -v", english ? "log lines on stderr (always in <home>/host.log)"
                                              : "journal sur stderr (toujours dans <home>/host.log)"});
        options.add({"--help, -h", english ? "this help; after a command, that command's help" : "cette aide ; après une commande, l'aide de la commande"});
        options.add({"--version", english ? "the host's version" : "la version de l'hôte"});
        options.print(out, "  ");
        out << '\n' << (english ? "Commands:\n" : "Commandes :\n");
        text_table commands({english ? "Command" : "Commande", english ? "What it does" : "Ce qu'elle fait"});
        for (const auto& help : command_helps())
            commands.add({std::string(help.path), std::string(english ? help.summary_en : help.summary_fr)});
        commands.print(out, "  ");
        out << '\n'
            << (english ? "Exit codes: 0 done, 1 refused or failed (one line on stderr), 2 bad usage.\n"
                          "Environment: AGGREGATOR_HOST_NOW=2026-03-01T10:00:00Z starts the host's clock at that instant (tests);\n"
                          "AGGREGATOR_HOST_LANG=en is the default of --lang.\n"
                          "More: aggregator-host help COMMAND (e.g. aggregator-host help aggregators add).\n"
                        : "Codes de sortie : 0 fait, 1 refusé ou échoué (une ligne sur stderr), 2 usage incorrect.\n"
                          "Environnement : AGGREGATOR_HOST_NOW=2026-03-01T10:00:00Z fait partir l'horloge de l'hôte de cet instant (tests) ;\n"
                          "AGGREGATOR_HOST_LANG=en donne la valeur par défaut de --lang.\n"
                          "Plus : aggregator-host help COMMANDE (par exemple aggregator-host help aggregators add).\n");
        return true;
    }
    bool found = false;
    for (const auto& help : command_helps()) {
        const std::string path(help.path);
        const bool matches = path == topic || path.rfind(topic + " ", 0) == 0;
        if (!matches) continue;
        if (found) out << '\n';
        found = true;
        out << (english ? "Usage: aggregator-host " : "Usage : aggregator-host ") << help.synopsis << '\n';
        out << "  " << (english ? help.summary_en : help.summary_fr) << '\n';
        const auto details = english ? help.details_en : help.details_fr;
        if (!details.empty()) {
            out << '\n';
            std::string_view rest = details;
            while (!rest.empty()) {
                const auto newline = rest.find('\n');
                out << "  " << rest.substr(0, newline) << '\n';
                if (newline == std::string_view::npos) break;
                rest.remove_prefix(newline + 1);
            }
        }
    }
    return found;
}

} // namespace refhost::cli
