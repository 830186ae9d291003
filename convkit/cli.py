"""The ``convkit`` command.

``convkit check FILE``     a self-learner's check: every grader, public and hidden, on one
                           notebook or .py file, with feedback (exit 0 when every attempted
                           question has full marks); a warm checker kept per user makes
                           later checks take about a second
``convkit grade DIR``      a TA's batch: grades CSV, results, feedback and a report
                           (``--shard K/N``: one machine's share of a folder)
``convkit merge OUT...``   join the shards' outputs into what one machine would have written
``convkit build``          regenerate notebooks and autograders from the question sources

Bad input (a missing file, an unknown id) ends with one line ``convkit: <problem>`` and
exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from convkit.errors import ConvkitError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _limits(args):
    from convkit.limits import MIB, Limits

    return Limits(call_seconds=args.call_timeout, cell_seconds=args.call_timeout,
                  question_seconds=max(Limits.question_seconds, 3 * args.call_timeout),
                  submission_seconds=args.submission_timeout, memory_bytes=int(args.memory_mb) * MIB)


def _isolation_options(parser, check: bool) -> None:
    parser.add_argument("--trust-submissions", action="store_true",
                        help="grade even where the sandbox cannot be built (only for submissions you trust: "
                             "without it they could read answer keys and forge results)")
    if check:
        parser.add_argument("--require-isolation", action="store_true",
                            help="refuse, like `convkit grade`, when the full sandbox cannot be built "
                                 "(for graders such as the otter and nbgrader plugins)")


def _plan(args, require: bool):
    """The run's sandbox plan; a refusal is a ConvkitError (exit 2) naming what is missing."""
    from convkit.sandbox.isolation import decide

    plan = decide(trust=args.trust_submissions, require=require)
    if plan.weaknesses:
        why = ("graded anyway: --trust-submissions" if plan.trusted_only and args.trust_submissions
               else "checking your own file anyway" if plan.trusted_only else "")
        print(f"convkit: note: {plan.summary()}" + (f" ({why})" if why else ""), file=sys.stderr)
    return plan


def _add_language_option(parser, default_text: str) -> None:
    from convkit.languages import LANGUAGES

    parser.add_argument("--lang", metavar="|".join(LANGUAGES), help=f"the language of the feedback: {default_text}")


def _language(args) -> str | None:
    """``--lang``, checked: one of the kit's languages, or None where not given."""
    from convkit.languages import LANGUAGES, NAMES

    if args.lang is None or args.lang in LANGUAGES:
        return args.lang
    known = ", ".join(f"{lang} ({NAMES[lang]})" for lang in LANGUAGES)
    raise ConvkitError(f"--lang {args.lang!r}: no such language; use one of {known}")


def _add_limit_options(parser) -> None:
    """The limits a TA may change; their defaults are :class:`convkit.limits.Limits`'s."""
    from convkit.limits import MIB, Limits

    default = Limits()
    parser.add_argument("--call-timeout", type=float, default=default.call_seconds, metavar="S",
                        help="seconds one call into student code (or one notebook cell) may take "
                             f"(default {default.call_seconds:g})")
    parser.add_argument("--submission-timeout", type=float, default=default.submission_seconds, metavar="S",
                        help=f"seconds one whole submission may take (default {default.submission_seconds:g})")
    parser.add_argument("--memory-mb", type=int, default=default.memory_bytes // MIB, metavar="MB",
                        help=f"memory a submission may use beyond torch itself (default {default.memory_bytes // MIB})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="convkit", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check one notebook or .py file against every grader")
    check.add_argument("path", type=Path, nargs="?")
    check.add_argument("--assignment", help="the assignment's id, as in CONTRACT.md (default: guessed from the "
                                            "names the file defines)")
    check.add_argument("--question", action="append", metavar="ID", help="only this question (repeatable)")
    check.add_argument("--show-passing", action="store_true", help="list passing tests too")
    check.add_argument("--json", type=Path, metavar="FILE", help="also write the full result as JSON")
    check.add_argument("--direct", action="store_true",
                       help="grade in this process only, without your warm checker (the one `convkit check` "
                            "starts and reuses, so that checks after the first take about a second)")
    check.add_argument("--stop", action="store_true", help="stop your warm checker (it also stops by itself "
                                                           "after a few idle minutes, and when the kit changes)")
    _add_language_option(check, "the notebook's own language (metadata.convkit.lang), else English")
    _add_limit_options(check)
    _isolation_options(check, check=True)

    grade = commands.add_parser("grade", help="grade a folder of submissions")
    grade.add_argument("folder", type=Path)
    grade.add_argument("--assignment", required=True)
    grade.add_argument("--output", type=Path, required=True)
    grade.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    grade.add_argument("--force", action="store_true", help="re-grade everything, ignoring earlier results")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")
    grade.add_argument("--roster", type=Path, metavar="CSV",
                       help="who should have submitted (a CSV with a 'student' column, or a Canvas or Moodle "
                            "export): every student on it gets a row; absent ones are 'missing'")
    grade.add_argument("--export", action="append", choices=["canvas", "moodle"], default=[],
                       help="also write OUT/<platform>_grades.csv for the platform's grade import (repeatable)")
    grade.add_argument("--canvas-assignment", metavar="NAME",
                       help="the Canvas gradebook column for --export canvas, 'Assignment Name (id)' as in Canvas's "
                            "own export (default: the assignment id)")
    grade.add_argument("--shard", metavar="K/N",
                       help="grade only shard K of N (students split by name, the same on every machine); "
                            "join the N outputs with `convkit merge`")
    _add_language_option(grade, "forces one language on every student's feedback file (by default each in its "
                                "student's notebook language) and the report (by default English)")
    _add_limit_options(grade)
    _isolation_options(grade, check=False)

    merge = commands.add_parser("merge", help="join the outputs of `convkit grade --shard K/N` into one")
    merge.add_argument("shards", type=Path, nargs="+", metavar="OUT", help="every shard's output folder")
    merge.add_argument("--output", type=Path, required=True,
                       help="where the joined grade sheet, results, feedback, report and exports go")

    build = commands.add_parser("build", help="regenerate notebooks and autograders from the question sources")
    build.add_argument("--check", action="store_true", help="only report whether generated files are up to date")
    build.add_argument("--output", type=Path, metavar="DIR",
                       help="write every generated file under DIR instead of the kit (to compare two builds)")
    return parser


def cmd_check(args) -> int:
    import tempfile

    if args.stop:
        from convkit.warm_check import stop_all

        stopped = stop_all()
        print(f"convkit: stopped {stopped} warm checker{'s' if stopped != 1 else ''}" if stopped else
              "convkit: no warm checker was running")
        return EXIT_OK
    if args.path is None:
        raise ConvkitError("check: give the notebook, .py file or otter zip to check (or --stop)")
    _language(args)
    with tempfile.TemporaryDirectory(prefix="convkit-check-") as staging:
        path, shown = _check_target(args, Path(staging))
        return _check_file(args, path, shown)


def _check_target(args, staging: Path) -> tuple[Path, str]:
    """The file to check: the one given, or for a zip (an otter export) the notebook chosen inside it."""
    if args.path.suffix.lower() != ".zip":
        return args.path, str(args.path)
    from convkit.assignments import ASSIGNMENTS
    from convkit.intake import open_zip

    if not args.path.is_file():
        raise ConvkitError(f"{args.path}: no such file")
    path, shown = open_zip(args.path, [args.assignment] if args.assignment else list(ASSIGNMENTS), staging)
    return path, str(args.path.parent / shown) if args.path.parent != Path(".") else shown


def _check_file(args, path: Path, shown: str) -> int:
    from convkit.assignments import detect_assignment, get_assignment
    from convkit.feedback import render_text
    from convkit.grading.results import save_result
    from convkit.submission import defined_names, load_submission

    submission = load_submission(path)  # unreadable files stop here, with exit 2
    assignment = get_assignment(args.assignment) if args.assignment else detect_assignment(defined_names(submission))
    questions = args.question
    for question_id in questions or ():
        assignment.question(question_id)
    plan = _plan(args, require=args.require_isolation)  # a refusal stops here: nothing is started
    limits = _limits(args)
    warm = None if args.direct else _warm_checker()
    result = _check_warm(warm, path, assignment, questions, limits, plan) if warm else None
    if result is None:
        result = _check_directly(path, assignment, questions, limits, plan)
    result.file = shown if shown != str(path) else result.file
    print(render_text(result, show_passing=args.show_passing, language=args.lang or result.lang))  # checked above
    if args.json:
        save_result(result, args.json)
    attempted = [q for q in result.questions if q.status != "not attempted"]
    return EXIT_OK if attempted and all(q.points >= q.max_points for q in attempted) else EXIT_FAILED


def _warm_checker():
    """This user's warm checker (:mod:`convkit.warm_check`), found or started; None: check directly."""
    import os

    if os.environ.get("CONVKIT_CHECK_WARM", "1") == "0":
        return None
    from convkit.warm_check import WarmUnavailable, begin

    try:
        return begin()
    except WarmUnavailable as reason:
        _not_warm(reason)
        return None


def _check_warm(warm, path: Path, assignment, questions, limits, plan):
    """The result from the warm checker, or None to check directly."""
    from convkit.grading.results import SubmissionResult
    from convkit.paths import private_paths
    from convkit.warm_check import WarmUnavailable

    try:
        return SubmissionResult.from_dict(warm.check(path, assignment.id, questions, limits, plan, private_paths()))
    except WarmUnavailable as reason:
        _not_warm(reason)
        return None


def _not_warm(reason) -> None:
    """Say why the warm checker was not used, when that matters: a folder that is not the user's own, or
    when asked for it (``CONVKIT_CHECK_WARM=1``)."""
    import os

    from convkit.warm_check import UnsafeFolder

    if isinstance(reason, UnsafeFolder) or os.environ.get("CONVKIT_CHECK_WARM") == "1":
        print(f"convkit: note: checking directly ({reason})", file=sys.stderr)


def _check_directly(path: Path, assignment, questions, limits, plan):
    """Grade in this process, as a batch worker does: torch warmed up once, the zygote forked from here
    before any grader is imported (it must never inherit them)."""
    from convkit.sandbox.client import SandboxLauncher, SandboxUnavailable, answer_keys_loaded
    from convkit.sandbox.zygote import warm_up

    fork = not answer_keys_loaded()  # called from a process that grades already (tests): a fresh zygote
    if fork:
        warm_up()
    launcher = SandboxLauncher(plan, fork=fork)
    try:
        launcher.start()
        from convkit.grading.runner import grade_submission

        return grade_submission(path, assignment, launcher, limits, question_ids=questions)
    except SandboxUnavailable as error:
        raise ConvkitError(str(error)) from None
    finally:
        launcher.close()


def cmd_grade(args) -> int:
    from convkit.assignments import get_assignment
    from convkit.grading.batch import BatchOptions, find_submissions, grade_intake
    from convkit.reports import write_outputs
    from convkit.roster import load_roster

    assignment = get_assignment(args.assignment)
    language = _language(args)
    if args.jobs < 1:
        raise ConvkitError(f"-j must be at least 1, got {args.jobs}")
    _preload_plotting()
    roster = load_roster(args.roster) if args.roster else None
    shard = None
    if args.shard:
        from convkit.shards import parse_shard

        shard = parse_shard(args.shard)
    options = BatchOptions(assignment, args.output, workers=args.jobs, limits=_limits(args), force=args.force,
                           progress=not args.quiet, roster=roster, plan=_plan(args, require=True), shard=shard)
    intake = find_submissions(args.folder, options)
    results = grade_intake(intake, options)
    written = write_outputs(results, assignment, args.output, keys=[e.key for e in intake.entries],
                            not_graded=intake.not_graded, exports=args.export,
                            canvas_assignment=args.canvas_assignment, language=language)
    if shard:
        written["shard"] = _write_shard_manifest(args, options, intake)
    _print_outcome(results, intake.not_graded, roster is not None, written, args.output, args.export,
                   [options.plan.summary()], language)
    if shard:
        print(f"shard {shard[0]}/{shard[1]}: {len(results)} of the folder's {options.folder_identity['students']} "
              f"students; join every shard's output with `convkit merge`")
    return EXIT_OK


def _print_outcome(results, not_graded, with_roster: bool, written: dict, output: Path, exports, isolation,
                   language: str | None) -> None:
    from convkit.languages import DEFAULT
    from convkit.reports import counts_line, terminal_summary

    language = language or DEFAULT
    print(terminal_summary(results, not_graded, with_roster, language))
    files = [written["csv"], written["report"], f"{output / 'feedback'}/", *[written[kind] for kind in exports]]
    print(f"\n{counts_line(results, language)} -> {', '.join(map(str, files))}")
    print("\n".join(isolation))


def _write_shard_manifest(args, options, intake) -> Path:
    from convkit.shards import Shard, write_manifest

    settings = {"exports": sorted(args.export), "canvas_assignment": args.canvas_assignment,
                "roster": args.roster is not None, "lang": args.lang}
    manifest = Shard(options.shard[0], options.shard[1], options.assignment.id, [e.key for e in intake.entries],
                     not_graded=list(intake.not_graded), settings=settings, isolation=options.plan.summary(),
                     **options.folder_identity)
    return write_manifest(args.output, manifest)


def cmd_merge(args) -> int:
    from convkit.assignments import get_assignment
    from convkit.grading.results import results_key, save_result
    from convkit.grading.batch import result_path
    from convkit.reports import write_outputs
    from convkit.shards import merge

    merged = merge(args.shards, args.output)
    assignment = get_assignment(merged.assignment)
    args.output.mkdir(parents=True, exist_ok=True)
    secret = results_key(args.output)
    for key, result in zip(merged.keys, merged.results):
        save_result(result, result_path(args.output, key), secret)
    exports, canvas = merged.settings.get("exports", []), merged.settings.get("canvas_assignment")
    written = write_outputs(merged.results, assignment, args.output, keys=merged.keys, not_graded=merged.not_graded,
                            exports=exports, canvas_assignment=canvas, language=merged.settings.get("lang"))
    _print_outcome(merged.results, merged.not_graded, bool(merged.settings.get("roster")), written, args.output,
                   exports, merged.isolation, merged.settings.get("lang"))
    print(f"merged {len(args.shards)} shards")
    return EXIT_OK


def _preload_plotting() -> None:
    """Import matplotlib (most of a second) in the background while the workers start and grade: the
    report's figure is drawn once the last submission is graded, and should not wait for it then."""
    import threading

    def load():
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot  # noqa: F401
        except ImportError:  # the report then has no figure (convkit.reports says so)
            pass

    threading.Thread(target=load, name="convkit-preload", daemon=True).start()


def cmd_build(args) -> int:
    from convkit.build import build_all

    if args.check and args.output:
        raise ConvkitError("--check compares the kit itself; it takes no --output")
    return build_all(check_only=args.check, output=args.output)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"check": cmd_check, "grade": cmd_grade, "merge": cmd_merge, "build": cmd_build}[args.command]
    try:
        return handler(args)
    except ConvkitError as error:
        print(f"convkit: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("convkit: interrupted; results written so far are kept (run again to resume)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
