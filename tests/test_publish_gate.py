"""The gated publication, against a local bare repository standing for GitHub.

A small git repository holding a copy of the project is published with publishing.gate.publish
(in-process, as `invoke publish --push` calls it); the bare repository's gh-pages branch is
what GitHub Pages would serve. The copy is the tests' site completed as an office would before
going live (COMPLETED_SETTINGS, a real accessibility plan): the tests' site itself keeps the demo's
placeholders, which the gate refuses (tests/test_placeholders.py).
"""

from __future__ import annotations

import io
import subprocess

import pytest

from publishing.gate import NOTHING_CHANGED, publish, verify_output

from conftest import FIXED_EPOCH, copy_project
from test_docs import replace_settings

SUBJECT = "Ajout du constat sur la fusion des offices"
PUBLIC = "https://www.lavalleeausommet.fr/consultation"
# The office block with nothing left to complete: what an office writes before going live.
COMPLETED_SETTINGS = f"""PUBLIC_SITEURL = "{PUBLIC}"
PUBLISHER = {{
    "name": "Office de Tourisme de Serre Chevalier Vallée Briançon",
    "legal_form": "Établissement public industriel et commercial",
    "address": "1 place du Téléphérique, 05240 La Salle-les-Alpes",
    "phone": "04 92 00 00 00",
    "siret": "123 456 789 00012",
    "director": "Camille Durand, directrice",
}}
HOST = {{
    "name": "Hébergeur de la vallée",
    "address": "2 rue du Serveur, 05100 Briançon",
    "phone": "04 92 00 00 01",
}}
CONTACT_EMAIL = "consultation@lavalleeausommet.fr"
DATA_PROTECTION_OFFICER = "dpo@lavalleeausommet.fr"
HOST_LOG_RETENTION = "12 mois"
"""
ACCESSIBILITY_PLAN = ("Le schéma pluriannuel et le plan d’actions de l’année sont disponibles sur demande "
                      "auprès de l’Office.")


def complete_placeholders(base) -> None:
    """What an office completes before its first publication (see publishing/placeholders.py)."""
    settings = base / "pelicanconf.py"
    settings.write_text(replace_settings(settings.read_text(encoding="utf-8"), COMPLETED_SETTINGS), encoding="utf-8")
    page = base / "content/pages/accessibilite.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines = [ACCESSIBILITY_PLAN if "À compléter" in line else line for line in lines]
    page.write_text("\n".join(lines), encoding="utf-8")


def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, encoding="utf-8").stdout.strip()


class Repos:
    def __init__(self, base):
        self.work = base / "travail"
        self.remote = base / "depot.git"
        copy_project(self.work)
        complete_placeholders(self.work)
        git(base, "init", "--quiet", "--bare", "--initial-branch=main", str(self.remote))
        git(self.work, "init", "--quiet", "--initial-branch=main")
        git(self.work, "config", "user.name", "Communicante de test")
        git(self.work, "config", "user.email", "communication@example.org")
        git(self.work, "config", "commit.gpgsign", "false")
        git(self.work, "remote", "add", "origin", str(self.remote))
        self.commit(SUBJECT)
        git(self.work, "push", "--quiet", "origin", "main")

    def commit(self, subject: str) -> str:
        git(self.work, "add", "--all")
        git(self.work, "commit", "--quiet", "-m", subject)
        return git(self.work, "rev-parse", "HEAD")

    def write(self, relative: str, text: str) -> None:
        path = self.work / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def remote_pages(self) -> str | None:
        run = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"], cwd=self.remote,
                             capture_output=True, encoding="utf-8")
        return run.stdout.strip() or None

    def seed_pages(self) -> str:
        """A gh-pages branch as a previous publication left it (no build needed)."""
        seed = self.work.parent / "ancien-site"
        seed.mkdir()
        (seed / "index.html").write_text("<!doctype html><title>Ancien site</title>", encoding="utf-8")
        git(seed, "init", "--quiet", "--initial-branch=gh-pages")
        git(seed, "config", "user.name", "Ancienne publication")
        git(seed, "config", "user.email", "publication@example.org")
        git(seed, "add", "--all")
        git(seed, "commit", "--quiet", "-m", "Publication de 0000000 : ancien site")
        git(seed, "push", "--quiet", str(self.remote), "gh-pages")
        return self.remote_pages()

    def publish(self, **options) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = publish(self.work, out=out, err=err, **options)
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repos(tmp_path, monkeypatch) -> Repos:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    repos = Repos(tmp_path)
    monkeypatch.chdir(repos.work)  # as manage.py runs the tasks: messages name files from the project root
    return repos


def test_good_build_lands_on_gh_pages_then_reports_changes(repos):
    source = git(repos.work, "rev-parse", "HEAD")
    code, out, err = repos.publish(push=True)
    assert code == 0, err
    published = repos.remote_pages()
    assert published is not None
    files = git(repos.remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "la-demarche/index.html", "constats/index.html"} <= set(files)
    message = git(repos.remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.splitlines()[0] == f"Publication de {source[:7]} : {SUBJECT}"
    assert f"Commit source : {source}" in message
    assert out.splitlines()[0] == f"Publication de {source[:7]} : {SUBJECT}"
    assert "La branche gh-pages n'existe pas encore sur « origin » : première publication." in out
    assert "Première publication : " in out
    assert out.splitlines()[-1] == "Envoyé sur origin/gh-pages : le site en ligne sera à jour dans quelques minutes."
    assert "À compléter" not in out and "DEMO_SITE" not in out  # a completed site: nothing to list
    # The published pages use the public address (publishconf.py), not relative links.
    index = git(repos.remote, "show", "gh-pages:index.html")
    assert f"{PUBLIC}/" in index
    assert "demo-notice" not in index and "Site de démonstration" not in index

    # A new news post: the next publication names it.
    repos.write("content/articles/nouvelles/fete-d-ete.md",
                "Title: Fête d'été\nDate: 2016-07-01\nSummary: La fête.\n\nLa fête de la vallée.\n")
    second = repos.commit("Actualité : fête d'été")
    code, out, err = repos.publish(push=True)
    assert code == 0, err
    assert "  pages ajoutées (1) : /nouvelles/fete-d-ete/" in out.splitlines()
    assert "  aucune page supprimée" in out.splitlines()
    assert git(repos.remote, "rev-parse", "gh-pages^") == published  # history kept: rollback possible
    assert git(repos.remote, "log", "-1", "--format=%s", "gh-pages") == \
        f"Publication de {second[:7]} : Actualité : fête d'été"

    # Nothing changed since: no new commit.
    current = repos.remote_pages()
    code, out, err = repos.publish(push=True)
    assert code == 0, err
    assert f"Aucun changement par rapport à la publication précédente ({current[:7]}) : la branche gh-pages " \
           "reste telle quelle." in out
    assert repos.remote_pages() == current


BROKEN = [
    pytest.param("data/phases.yml", "- id: cadrage\n\ttitle: Préparation\n",
                 ["data/phases.yml:2:1: tabulation interdite : en YAML, indentez avec des espaces"],
                 "Publication refusée : la construction a échoué (1 problème à corriger).", id="bad-yaml"),
    pytest.param("content/articles/nouvelles/mauvais.md",
                 "Title: Un titre\nDate: 2016-03-01\n\nVoir [la page]({filename}../etat-des-lieux/absent.md).\n",
                 ["content/articles/nouvelles/mauvais.md:4:16: lien interne cassé : « {filename}../etat-des-lieux/"
                  "absent.md » ne correspond à aucun fichier de content/ (chemin cherché : articles/etat-des-lieux/"
                  "absent.md)"],
                 "Publication refusée : la construction a échoué (1 problème à corriger).", id="broken-filename-link"),
    pytest.param("content/articles/nouvelles/mauvais.md",
                 "Title: Un titre\nDate: 2016-03-01\nSummary: x\n\nVoir [le constat]({filename}../etat-des-lieux/"
                 "un-seul-nom.md#marque-partage).\n",
                 ["content/articles/nouvelles/mauvais.md:5: ancre introuvable : « #marque-partage » n'existe pas "
                  "dans la page /etat-des-lieux/un-seul-nom/ : vouliez-vous écrire « #marque-partagee » ?"],
                 "Publication refusée : 1 problème à corriger.", id="broken-anchor"),
]


@pytest.mark.parametrize("relative, text, problems, verdict", BROKEN)
def test_broken_site_leaves_gh_pages_exactly_as_it_was(repos, relative, text, problems, verdict):
    before = repos.seed_pages()
    repos.write(relative, text)
    repos.commit("Modification cassée")
    code, out, err = repos.publish(push=True)
    assert code == 1
    assert err.splitlines() == [*problems, "", verdict, NOTHING_CHANGED]
    assert repos.remote_pages() == before
    assert subprocess.run(["git", "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"], cwd=repos.work,
                          capture_output=True, encoding="utf-8").stdout.strip() in ("", before)


def test_dirty_tree_is_refused_before_building(repos):
    before = repos.seed_pages()
    repos.write("content/articles/nouvelles/ouverture.md", "Title: Modifié\nDate: 2016-01-15\n\nx\n")
    repos.write("content/articles/nouvelles/brouillon.md", "Title: Brouillon\nDate: 2016-01-15\n\nx\n")
    code, out, err = repos.publish(push=True)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "Publication refusée : des modifications ne sont pas enregistrées dans git :",
        "  content/articles/nouvelles/ouverture.md (modifié)",
        "  content/articles/nouvelles/brouillon.md (nouveau fichier non enregistré)",
        "Seul ce qui est enregistré (commit) est publié. Enregistrez-les (git add puis git commit) ou annulez-les "
        "(git restore FICHIER, ou supprimez un fichier ajouté par erreur), puis relancez.",
        NOTHING_CHANGED,
    ]
    assert repos.remote_pages() == before


def test_without_push_only_the_local_branch_moves(repos):
    before = repos.seed_pages()
    code, out, err = repos.publish(push=False)
    assert code == 0, err
    assert repos.remote_pages() == before
    local = git(repos.work, "rev-parse", "gh-pages")
    assert local != before and git(repos.work, "rev-parse", "gh-pages^") == before  # on top of the remote's
    assert "  pages supprimées (0)" not in out and "  aucune page supprimée" in out.splitlines()
    assert out.splitlines()[-1] == ("Rien n'a été envoyé en ligne : pour publier, relancez avec --push "
                                    "(python3 manage.py publish --push).")


def test_task_and_alias_refuse_a_dirty_tree_with_exit_1(repos):
    from test_tasks_new import invoke

    repos.write("nouveau.txt", "x")
    for task in ("publish", "gh-pages"):
        run = invoke(repos.work, task, "--push")
        assert run.returncode == 1
        assert run.stderr.splitlines()[:2] == [
            "Publication refusée : des modifications ne sont pas enregistrées dans git :",
            "  nouveau.txt (nouveau fichier non enregistré)",
        ]
    assert repos.remote_pages() is None


# -- whole-site checks of the gate (no build needed) ---------------------------------------------

def make_site(folder, pages: dict[str, str]):
    for name, text in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_site_checks_sentinels_size_and_empty_pages(tmp_path):
    site = make_site(tmp_path, {"index.html": "<p>accueil</p>", "constats/index.html": "  \n",
                                "la-demarche/index.html": "<p>x</p>"})
    assert verify_output(site, 15, ["index.html", "la-demarche/index.html", "mentions-legales/index.html"]) == [
        "page indispensable absente : /mentions-legales/ (mentions-legales/index.html) ; réglage "
        "PUBLISH_REQUIRED_PAGES de publishconf.py",
        "le site construit ne compte que 3 pages HTML (minimum attendu : 15, réglage PUBLISH_MIN_PAGES de "
        "publishconf.py) : un site presque vide ne remplace jamais le site en ligne",
        "page vide : /constats/ (constats/index.html) : le fichier HTML produit ne contient rien",
    ]
    assert verify_output(site, 2, ["index.html"])[-1].startswith("page vide : /constats/")


def test_too_small_site_is_refused(repos):
    before = repos.seed_pages()
    code, out, err = repos.publish(push=True, overrides={"PUBLISH_MIN_PAGES": 500})
    assert code == 1
    assert err.splitlines()[-3:] == [
        "",
        "Publication refusée : 1 problème à corriger.",
        NOTHING_CHANGED,
    ]
    assert "(minimum attendu : 500, réglage PUBLISH_MIN_PAGES de publishconf.py)" in err
    assert repos.remote_pages() == before


def test_gate_builds_from_the_committed_tree_only(repos):
    """A file git ignores (here through .git/info/exclude) is not in `git status`, so the tree is
    « clean »; built from the working tree, it would go live. The gate builds from `git archive HEAD`."""
    (repos.work / ".git/info/exclude").write_text("content/images/cache-*\n", encoding="utf-8")
    repos.write("content/images/cache-secret.txt", "mot de passe du réseau : vallee2030\n")
    repos.write("content/images/visible.txt", "un fichier enregistré\n")
    repos.commit("Ajout d'un fichier enregistré")
    assert git(repos.work, "status", "--porcelain", "--untracked-files=all") == ""
    code, out, err = repos.publish(push=True)
    assert code == 0, err
    files = git(repos.remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "images/visible.txt" in files
    assert not [name for name in files if "cache-secret" in name]
    assert (repos.work / "content/images/cache-secret.txt").exists()  # the working tree is left as it was


def test_a_committed_symlink_to_the_git_config_is_never_published(repos):
    import os

    before = repos.seed_pages()
    (repos.work / "content/images").mkdir(parents=True, exist_ok=True)
    os.symlink("../../.git/config", repos.work / "content/images/config.txt")
    repos.commit("Lien vers la configuration")
    code, out, err = repos.publish(push=True)
    assert code == 1
    assert err.splitlines() == [
        "content/images/config.txt: lien symbolique refusé (il pointe vers « ../../.git/config ») : seuls les vrais "
        "fichiers enregistrés dans le dépôt sont publiés ; remplacez le lien par une copie du fichier",
        "", "Publication refusée : la construction a échoué (1 problème à corriger).", NOTHING_CHANGED]
    assert repos.remote_pages() == before


def _publish_in(folder) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return publish(folder, out=out, err=err), err.getvalue()


def test_a_folder_that_is_not_a_repository_is_refused_in_french(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "site")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # not inside any repository above
    assert _publish_in(project) == (1, (
        "Ce dossier n'est pas un dépôt git : seul ce qui est enregistré dans git (commit) est publié. Lancez la "
        "publication depuis le dossier du site cloné (git clone ADRESSE-DU-DÉPÔT)\n" + NOTHING_CHANGED + "\n"))


def test_a_repository_without_commit_is_refused_in_french(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "site")
    git(project, "init", "--quiet", "--initial-branch=main")
    assert _publish_in(project) == (1, (
        "Le dépôt ne contient encore aucun commit : enregistrez d'abord le site (git add --all puis git commit "
        "-m \"Premier enregistrement\"), puis relancez la publication\n" + NOTHING_CHANGED + "\n"))


def test_without_git_installed_the_refusal_says_to_install_it(repos, monkeypatch):
    monkeypatch.setenv("PATH", str(repos.work / "aucun-programme"))
    assert repos.publish() == (1, "", (
        "Git est introuvable sur cet ordinateur : installez-le (paquet « git », ou https://git-scm.com), puis "
        "relancez la publication\n" + NOTHING_CHANGED + "\n"))


def test_an_unreachable_remote_says_what_to_check_and_changes_nothing(repos):
    git(repos.work, "remote", "set-url", "origin", str(repos.work.parent / "disparu.git"))
    code, out, err = repos.publish(push=True)
    assert code == 1 and out.splitlines()[1:] == []
    assert err.startswith("Le dépôt distant « origin » est injoignable : vérifiez la connexion à internet, "
                          "l'adresse du dépôt (git remote -v) et vos droits d'accès, puis relancez ; la commande "
                          "« git ls-remote --heads origin gh-pages » a échoué ; détail donné par git : fatal: ")
    assert err.endswith("\n" + NOTHING_CHANGED + "\n")
    assert repos.remote_pages() is None and "disparu.git" not in err.split(" ; ")[0]


def test_a_full_disk_is_a_french_refusal_and_leaves_gh_pages_alone(repos, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device", "/tmp/lvas-publication-x")

    monkeypatch.setattr("publishing.gate.tempfile.mkdtemp", no_space)
    code, out, err = repos.publish(push=True)
    assert (code, err) == (1, (
        "Erreur du système de fichiers (/tmp/lvas-publication-x) : disque plein. Vérifiez la place "
        "libre sur le disque et les droits sur le dossier du projet et le dossier temporaire, puis relancez.\n"
        + NOTHING_CHANGED + "\n"))
    assert repos.remote_pages() is None
