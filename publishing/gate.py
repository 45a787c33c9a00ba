"""`invoke publish` / `invoke gh-pages`: the gated publication.

Nothing reaches the gh-pages branch (and so the live site) unless every step passes:

1. no file about people (spreadsheet, mailbox, message, archive) that git holds or would take,
   outside content/ (checked by the build) and tests/ (repository_files.py); no review queue of the
   feedback (plugins/consultation/review.py) that git does not ignore; the working tree is clean
   (only what git records is published);
2. the site is built with publishconf.py from a pristine export of the committed tree (`git archive
   HEAD` into a temporary folder: untracked and ignored files, such as one hidden by
   .git/info/exclude, cannot slip in) into a FRESH temporary folder (output/ is untouched);
3. the checks pass: internal links and anchors, image alt texts (check.py), the sentinel pages
   (PUBLISH_REQUIRED_PAGES), at least PUBLISH_MIN_PAGES HTML pages, no empty HTML file, and no
   placeholder (placeholders.py: example addresses, « À compléter », a file as `new` wrote it,
   legal details to complete), unless DEMO_SITE is True: the demo lists them and goes on;
4. ghp-import commits the folder (with .nojekyll) on top of gh-pages, with a message naming
   the source commit; a commit identical to the previous one is dropped;
5. with push=True only, gh-pages is pushed (never forced) to PUBLISH_REMOTE.

Any failure leaves gh-pages exactly as it was and returns exit code 1 with French messages.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .check import PLACEHOLDERS_HEADING, build_and_check, plural, sorted_problems
from .links import url_path
from .publish_settings import checked as checked_publish_settings
from .repository_files import content_folder, people_files_in_repository

NOTHING_CHANGED = "La branche gh-pages et le site en ligne n'ont pas été modifiés."


class GateError(Exception):
    """A French reason to stop; gh-pages is untouched."""


_OS_ERRORS = {errno.ENOSPC: "disque plein", errno.EDQUOT: "quota du disque dépassé",
              errno.EACCES: "droits insuffisants", errno.EPERM: "opération non permise",
              errno.EROFS: "disque en lecture seule", errno.ENOENT: "fichier ou dossier introuvable"}
NO_GIT = ("git est introuvable sur cet ordinateur : installez-le (paquet « git », ou https://git-scm.com), "
          "puis relancez la publication")


def _run_git(args: list[str], cwd, **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, **kwargs)
    except FileNotFoundError:
        raise GateError(NO_GIT) from None


def git(repo: str | Path, *args: str, check: bool = True, env: dict | None = None) -> str:
    completed = _run_git(["-c", "core.quotepath=false", *args], repo, encoding="utf-8", errors="replace", env=env)
    if check and completed.returncode != 0:
        raise GateError(f"la commande « git {' '.join(args)} » a échoué ; détail donné par git : "
                        f"{completed.stderr.strip()}")
    return completed.stdout.rstrip() if check else completed.returncode == 0 and completed.stdout.strip()


def check_repository(repo) -> str:
    """The commit to publish (HEAD), or a French refusal saying what to do first."""
    if _run_git(["rev-parse", "--is-inside-work-tree"], repo, encoding="utf-8").returncode != 0:
        raise GateError("ce dossier n'est pas un dépôt git : seul ce qui est enregistré dans git (commit) est "
                        "publié. Lancez la publication depuis le dossier du site cloné (git clone ADRESSE-DU-DÉPÔT)")
    head = _rev(repo, "HEAD")
    if head is None:
        raise GateError("le dépôt ne contient encore aucun commit : enregistrez d'abord le site (git add --all "
                        "puis git commit -m \"Premier enregistrement\"), puis relancez la publication")
    return head


def _rev(repo, ref: str) -> str | None:
    completed = _run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo, encoding="utf-8",
                         errors="replace")
    return completed.stdout.strip() or None


def dirty_files(repo) -> list[str]:
    """`git status` lines of what is not committed (modified, added, deleted, untracked)."""
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    return [line for line in status.splitlines() if line.strip()]


def check_clean(repo) -> None:
    lines = dirty_files(repo)
    if not lines:
        return
    shown = "\n".join(f"  {_status_fr(line)}" for line in lines[:30])
    more = f"\n  … et {len(lines) - 30} autres" if len(lines) > 30 else ""
    raise GateError(
        "publication refusée : des modifications ne sont pas enregistrées dans git :\n"
        f"{shown}{more}\n"
        "Seul ce qui est enregistré (commit) est publié. Enregistrez-les (git add puis git commit) ou "
        "annulez-les (git restore FICHIER, ou supprimez un fichier ajouté par erreur), puis relancez.")


def _status_fr(line: str) -> str:
    code, name = line[:2], line[3:]
    if code == "??":
        what = "nouveau fichier non enregistré"
    elif "D" in code:
        what = "supprimé"
    elif "A" in code:
        what = "ajouté"
    elif "R" in code:
        what = "renommé"
    else:
        what = "modifié"
    return f"{name} ({what})"


def export_head(repo, destination: str | Path) -> None:
    """The committed tree of HEAD, and nothing else, written to `destination` (`git archive`):
    no untracked file, no ignored file, no uncommitted change. Symlinks are exported as links,
    for the build to refuse them with their location."""
    archive = _run_git(["archive", "--format=tar", "HEAD"], repo)
    if archive.returncode != 0:
        raise GateError("impossible d'extraire les fichiers enregistrés (git archive HEAD) : "
                        f"{archive.stderr.decode('utf-8', 'replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir() or member.issym()) or member.name.startswith("/") \
                    or ".." in member.name.split("/"):
                raise GateError(f"fichier enregistré inattendu dans git : {member.name}")
        tar.extractall(destination, filter="tar")


def verify_output(output: str | Path, min_pages: int, required_pages) -> list[str]:
    """Problems of the built folder as a whole (French, one per line): sentinels, size, empty pages."""
    output = Path(output)
    problems = []
    pages = sorted(path.relative_to(output).as_posix() for path in output.rglob("*.html"))
    for required in required_pages:
        if not (output / required).is_file():
            problems.append(f"page indispensable absente : {url_path(required)} ({required}) ; "
                            "réglage PUBLISH_REQUIRED_PAGES de publishconf.py")
    if len(pages) < min_pages:
        problems.append(f"le site construit ne compte que {plural(len(pages), 'page')} HTML (minimum attendu : "
                        f"{min_pages}, réglage PUBLISH_MIN_PAGES de publishconf.py) : un site presque vide ne "
                        "remplace jamais le site en ligne")
    for page in pages:
        if not (output / page).read_bytes().strip():
            problems.append(f"page vide : {url_path(page)} ({page}) : le fichier HTML produit ne contient rien")
    return problems


def _sync_branch(repo, remote: str, branch: str, say, required: bool) -> None:
    """Start from the remote's gh-pages, so that the new commit follows the live site's history and
    the push is a fast-forward (ghp-import bases its commit on <remote>/<branch> when it exists).
    Without --push, an unreachable remote only means comparing with the last known publication."""
    if not git(repo, "remote", "get-url", remote, check=False):
        if not required:
            return
        raise GateError(f"dépôt distant « {remote} » inconnu (réglage PUBLISH_REMOTE) : "
                        f"dépôts connus : {', '.join(git(repo, 'remote').split()) or 'aucun'}")
    try:
        heads = git(repo, "ls-remote", "--heads", remote, branch)
        if heads:
            git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
        else:
            say(f"La branche {branch} n'existe pas encore sur « {remote} » : première publication.")
    except GateError as exc:
        if required:
            raise GateError(f"le dépôt distant « {remote} » est injoignable : vérifiez la connexion à internet, l'adresse du dépôt (git remote -v) "
                            f"et vos droits d'accès, puis relancez ; {exc}") from None
        say(f"Dépôt distant « {remote} » injoignable : comparaison avec la dernière publication connue.")


def _committer_env(repo) -> dict:
    """ghp-import writes the commit with git's configured identity; CI may have none."""
    env = dict(os.environ)
    if not git(repo, "config", "user.name", check=False) and "GIT_COMMITTER_NAME" not in env:
        env["GIT_COMMITTER_NAME"] = "Publication automatique"
    if not git(repo, "config", "user.email", check=False) and "GIT_COMMITTER_EMAIL" not in env:
        env["GIT_COMMITTER_EMAIL"] = git(repo, "log", "-1", "--format=%ce") or "publication@localhost"
    return env


def commit_site(repo, site: str | Path, branch: str, remote: str, message: str) -> tuple[str | None, str | None]:
    """(new commit or None if nothing changed, previous commit or None) on `branch`."""
    before = _rev(repo, f"refs/remotes/{remote}/{branch}") or _rev(repo, f"refs/heads/{branch}")
    completed = subprocess.run(
        [sys.executable, "-m", "ghp_import", "--no-jekyll", "--message", message, "--remote", remote,
         "--branch", branch, str(site)],
        cwd=repo, capture_output=True, encoding="utf-8", errors="replace", env=_committer_env(repo), check=False)
    after = _rev(repo, f"refs/heads/{branch}")
    if completed.returncode != 0 or after is None or after == before:
        detail = (completed.stderr or completed.stdout).strip() or "aucun commit créé"
        if before:
            git(repo, "update-ref", f"refs/heads/{branch}", before)
        raise GateError(f"ghp-import n'a pas pu enregistrer le site sur la branche {branch} : {detail}")
    previous = _rev(repo, f"{after}^") if _rev(repo, f"{after}^") else None
    if previous and git(repo, "rev-parse", f"{after}^{{tree}}") == git(repo, "rev-parse", f"{previous}^{{tree}}"):
        git(repo, "update-ref", f"refs/heads/{branch}", previous, after)
        return None, previous
    return after, previous


def describe_changes(repo, previous: str | None, new: str) -> str:
    """Pages added and removed (and how many changed) versus the previous publication, in French."""
    if previous is None:
        pages = [line for line in git(repo, "ls-tree", "-r", "--name-only", new).splitlines()
                 if line.endswith(".html")]
        return f"Première publication : {plural(len(pages), 'page')}."
    changes = git(repo, "diff", "--name-status", "--no-renames", previous, new).splitlines()
    added, removed, modified, others = [], [], 0, 0
    for line in changes:
        status, _, name = line.partition("\t")
        if not name.endswith(".html"):
            others += 1
        elif status == "A":
            added.append(url_path(name))
        elif status == "D":
            removed.append(url_path(name))
        else:
            modified += 1
    lines = [f"Changements par rapport à la publication précédente ({previous[:7]}) :"]
    lines.append(f"  pages ajoutées ({len(added)}) : {', '.join(sorted(added))}" if added else "  aucune page ajoutée")
    lines.append(f"  pages supprimées ({len(removed)}) : {', '.join(sorted(removed))}" if removed
                 else "  aucune page supprimée")
    lines.append(f"  {plural(modified, 'page modifiée', 'pages modifiées')}, "
                 f"{plural(others, 'autre fichier modifié', 'autres fichiers modifiés')}")
    return "\n".join(lines)


def check_review_queue(repo) -> None:
    """Excerpts of the feedback waiting for a reading (data/feedback/a-relire/) never reach the public
    repository: a queue git does not ignore stops the publication. The site itself is built from
    `git archive`, where the ignored queue is not."""
    from .repository_files import unignored_queues

    problems = unignored_queues(str(repo))
    if problems:
        raise GateError("publication refusée :\n" + "\n".join(str(problem) for problem in problems))


def publish(repo: str | Path, *, push: bool = False, settings_file: str | None = None,
            overrides: dict | None = None, out=None, err=None) -> int:
    """The whole gate; returns the exit code (0 published or nothing to publish, 1 refused)."""
    repo = Path(repo).resolve()
    settings_file = settings_file or str(repo / "publishconf.py")

    def say(text: str) -> None:
        print(text, file=out or sys.stdout, flush=True)

    def fail(text: str) -> int:
        print(f"{text}\n{NOTHING_CHANGED}", file=err or sys.stderr, flush=True)
        return 1

    workdir = None
    previous_cwd = os.getcwd()
    try:
        source = check_repository(repo)
        refused = people_files_in_repository(str(repo), content_folder(settings_file, overrides))
        if refused:  # before check_clean, whose advice (git add) is the wrong one for an export
            return fail("\n".join(map(str, refused)) + f"\n\nPublication refusée : {plural(len(refused), 'fichier')} "
                        "de données personnelles à retirer du dépôt.")
        check_review_queue(repo)
        check_clean(repo)
        subject = git(repo, "log", "-1", "--format=%s", source)
        say(f"Publication de {source[:7]} : {subject}")

        settings, wrong = checked_publish_settings(_publish_settings(settings_file, overrides), settings_file,
                                                   git(repo, "branch", "--show-current", check=False) or None)
        if wrong:  # publish_settings.py: every PUBLISH_* setting checked, in French, before anything
            return fail("\n".join(wrong) + "\n\nPublication refusée : "
                        f"{plural(len(wrong), 'réglage')} de publication à corriger dans publishconf.py.")
        remote, branch = settings["PUBLISH_REMOTE"], settings["PUBLISH_BRANCH"]
        _sync_branch(repo, remote, branch, say, required=push)

        workdir = tempfile.mkdtemp(prefix="lvas-publication-")
        site = os.path.join(workdir, "site")
        source_tree = os.path.join(workdir, "source")
        export_head(repo, source_tree)
        # Built from the export's root: messages name files from the project root (`content/…`),
        # exactly as `build` and `check` do.
        os.chdir(source_tree)
        say(f"Construction avec {os.path.basename(settings_file)} dans un dossier temporaire…")
        result = build_and_check(_exported(source_tree, repo, settings_file), site, overrides)
        if result.build_problems:
            lines = [str(problem) for problem in sorted_problems(result.build_problems)]
            return fail("\n".join(lines) + f"\n\nPublication refusée : la construction a échoué "
                        f"({plural(len(result.build_problems), 'problème')} à corriger).")
        problems = [str(problem) for problem in sorted_problems(result.links.problems)]
        problems += verify_output(site, settings["PUBLISH_MIN_PAGES"], settings["PUBLISH_REQUIRED_PAGES"])
        placeholders = [str(problem) for problem in result.placeholders]
        if problems or (placeholders and not result.demo):
            return fail(refusal(problems, [] if result.demo else placeholders))
        if placeholders:
            say(f"Site de démonstration (DEMO_SITE = True) : {plural(len(placeholders), 'point')} à compléter "
                "avant une vraie publication, publiés tels quels :")
            say("\n".join(placeholders))
        links = result.links
        say(f"Vérifications réussies : {plural(links.pages, 'page')}, "
            f"{plural(links.internal_links, 'lien interne', 'liens internes')}, {plural(links.anchors, 'ancre')}, "
            "pages indispensables présentes.")

        message = f"Publication de {source[:7]} : {subject}\n\nCommit source : {source}\n"
        new, previous = commit_site(repo, site, branch, remote, message)
        if new is None:
            say(f"Aucun changement par rapport à la publication précédente ({previous[:7]}) : "
                f"la branche {branch} reste telle quelle.")
        else:
            say(f"Site enregistré sur la branche {branch} : commit {new[:7]}.")
            say(describe_changes(repo, previous, new))
        if not push:
            say("Rien n'a été envoyé en ligne : pour publier, relancez avec --push "
                "(python3 manage.py publish --push).")
            return 0
        if new is None and _rev(repo, f"refs/remotes/{remote}/{branch}") == previous:
            return 0
        pushed = subprocess.run(["git", "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}"],
                                cwd=repo, capture_output=True, encoding="utf-8", errors="replace", check=False)
        if pushed.returncode != 0:
            if new is not None:  # keep the local branch as the remote has it
                if previous:
                    git(repo, "update-ref", f"refs/heads/{branch}", previous, new)
                else:
                    git(repo, "update-ref", "-d", f"refs/heads/{branch}", new)
            return fail(f"L'envoi vers « {remote} » a échoué ; détail donné par git : {pushed.stderr.strip()}\n"
                        "Si quelqu'un a publié entre-temps, relancez simplement la publication ; sinon, vérifiez "
                        "la connexion à internet et vos droits d'écriture sur le dépôt (git remote -v).")
        git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}", check=False)
        say(f"Envoyé sur {remote}/{branch} : le site en ligne sera à jour dans quelques minutes.")
        return 0
    except GateError as exc:
        return fail(str(exc)[:1].upper() + str(exc)[1:])
    except OSError as exc:  # disk full, permissions, a folder removed during the publication
        where = f" ({exc.filename})" if exc.filename else ""
        reason = _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
        return fail(f"Erreur du système de fichiers{where} : {reason}. Vérifiez la place libre sur "
                    "le disque et les droits sur le dossier du projet et le dossier temporaire, puis relancez.")
    finally:
        os.chdir(previous_cwd)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def _exported(source_tree: str, repo: Path, settings_file: str) -> str:
    """The settings file of the exported tree when it belongs to the repository."""
    settings_path = Path(settings_file).resolve()
    if settings_path.is_relative_to(repo):
        return os.path.join(source_tree, settings_path.relative_to(repo))
    return settings_file


def refusal(problems: list[str], placeholders: list[str]) -> str:
    """The French refusal: the problems, then the placeholders under their heading, then the count."""
    lines = list(problems)
    if placeholders:
        lines += [f"{PLACEHOLDERS_HEADING} ({plural(len(placeholders), 'point')}) :", *placeholders]
    counts = [plural(len(problems), "problème") + " à corriger"] if problems else []
    if placeholders:
        counts.append(f"{plural(len(placeholders), 'point')} à compléter avant publication")
    return "\n".join(lines) + f"\n\nPublication refusée : {' et '.join(counts)}."


def _publish_settings(settings_file: str, overrides: dict | None) -> dict:
    """The PUBLISH_* settings; a settings file that cannot be read is reported by the build itself."""
    from pelican.settings import read_settings

    try:
        return read_settings(settings_file, override=dict(overrides or {}))
    except Exception:  # noqa: BLE001 - the build reports it in French
        return {}
