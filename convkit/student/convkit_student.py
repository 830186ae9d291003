"""convkit_student: otter's ``grader.check`` and ``grader.export`` as students in JupyterLab need them.

This file sits beside the assignment notebook (``convkit build`` copies it there from the
kit's ``convkit/student/convkit_student.py``). The notebook's first cell loads it with
``%reload_ext convkit_student``, before ``import otter``; the public test files in ``tests/``
import it too, so their reports are short even if that line was skipped. Without this file
everything still works, with otter's own, longer output.

What it changes, for otter 7.0.0 (pinned in requirements-student.txt):

- **Check reports.** Public checks made with :func:`public_check` record what happened:
  passed, failed with the check's teaching message, "not written yet" (the student's stub
  still raises ``NotImplementedError``, also when a check wrapped that error in its own
  message), a name not defined yet, or an error in the student's code (type, message and
  the student's own line). Each question is reported as one block: a headline (public
  checks passed / N of M failed / not attempted yet), one line per failing check, and one
  line naming the checks that passed. An untouched question is a single line.
- **Export submits what is on screen.** ``grader.export(force_save=True)`` asks JupyterLab
  to save the notebook (through ipylab, as otter does) and waits until the file on disk has
  changed; if it has not, it refuses with a message saying what to do, instead of zipping
  the last saved copy. The summary printed after the export comes from otter re-running the
  zip's notebook in a fresh kernel, shown one line per question; the kernel's log line
  "Kernel is running over TCP without encryption", which otter re-raised as a red
  RuntimeWarning, is dropped (any other output of that process is still shown).
- **A faster first check.** In a Jupyter kernel, jsonschema's optional IRI grammar
  (``rfc3987_syntax``, seconds to build, pulled in by ``import otter`` through nbformat and
  never used by a notebook) is not imported; and once torch is imported, a background
  thread imports ``torch._dynamo``, which PyTorch loads on the first operation on the
  ``meta`` device (seconds), so the first check that uses it does not wait for it.

- **The notebook's language.** ``otter.Notebook("conv-layer.zh.ipynb")`` also reads the
  notebook's ``metadata.convkit.lang``; reports, export messages and the public checks' own
  messages (the test files ask :func:`language`) are then in that language.

Every sentence a student reads is in :data:`MESSAGES`, in English and in Chinese.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
import html
import io
import json
import linecache
import os
import re
import sys
import threading
import time
import warnings

if "ipykernel" in sys.modules and "jsonschema._format" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # see the module docstring: never used here

from otter.check.notebook import Notebook  # noqa: E402  (after the line above, on purpose)
from otter.test_files import test_case  # noqa: E402
from otter.test_files.abstract_test import TestFile  # noqa: E402

#: Every sentence a student reads, in each language of the notebooks: ``{lang: {key: template}}``.
MESSAGES = {
    "en": {
        "passed": "{question}: all {total} public checks passed. Hidden tests (other shapes, dtypes and "
                  "devices) also run when your notebook is graded.",
        "failed": "{question}: {failed} of {total} public checks failed",
        "not_attempted": "{question}: not attempted yet",
        "not_defined": "{question}: {names} not defined yet; run the cells above first",
        "passed_checks": "passed: {checks}",
        "check_line": "{check}: {text}",
        "list_separator": ", ",
        "hint_separator": ". ",
        "not_written": "{function} is not written yet (it still raises NotImplementedError)",
        "missing": "{names} not defined yet; run the cells above first",
        "student_error": "{function} raised {error} (at: {line})",
        "check_error": "the check could not use what your code returned ({error})",
        "hint_meta_copy": "A tensor made without device=X.device lives on the CPU; the same code would fail on a "
                          "GPU.",
        "hint_meta_item": ".item() turns a tensor into a Python number, which has no device: keep computing with "
                          "tensors.",
        "not_saved": "Not exported: JupyterLab did not save {notebook}, so the zip would hold an older copy. Click "
                     "into the notebook, save it (Ctrl+S) and run this cell again.",
        "no_frontend": "Not exported: this kernel was not started by JupyterLab, so it cannot save the notebook "
                       "and the zip might hold an older copy. Save the notebook yourself, then run "
                       "grader.export(force_save=False).",
        "other_notebook": "Not exported: you are working in {session}, but grader.export submits {notebook}. Make "
                          "{notebook} your copy (keep one notebook of that name, beside tests/), open it and run "
                          "this cell there.",
        "exported": "Saved {notebook} and wrote {zip}: submit this file.",
        "rechecked": "The notebook in the zip, run again from the top in a fresh kernel:",
    },
    "zh": {
        "passed": "{question}：{total} 项公开检查全部通过。评分时还会运行隐藏测试（其他形状、数据类型和设备）。",
        "failed": "{question}：{total} 项公开检查中有 {failed} 项没有通过",
        "not_attempted": "{question}：尚未作答",
        "not_defined": "{question}：{names} 尚未定义；请先运行上面的单元格",
        "passed_checks": "已通过：{checks}",
        "check_line": "{check}：{text}",
        "list_separator": "、",
        "hint_separator": "。",
        "not_written": "{function} 还没有写（仍然抛出 NotImplementedError）",
        "missing": "{names} 尚未定义；请先运行上面的单元格",
        "student_error": "{function} 抛出了 {error}（出错的行：{line}）",
        "check_error": "检查无法使用你的代码返回的结果（{error}）",
        "hint_meta_copy": "不指定 device=X.device 创建的张量位于 CPU 上；同样的代码在 GPU 上会出错。",
        "hint_meta_item": ".item() 把张量变成 Python 数，而数没有设备：请继续用张量计算。",
        "not_saved": "未导出：JupyterLab 没有保存 {notebook}，zip 文件里会是旧的副本。请点一下 notebook，保存"
                     "（Ctrl+S），然后重新运行这个单元格。",
        "no_frontend": "未导出：这个内核不是由 JupyterLab 启动的，无法保存 notebook，zip 文件里可能是旧的副本。"
                       "请自己先保存 notebook，再运行 grader.export(force_save=False)。",
        "other_notebook": "未导出：你正在 {session} 中作答，但 grader.export 提交的是 {notebook}。请把 {notebook} "
                          "作为你的作答副本（在 tests/ 旁边只保留一个同名的 notebook），打开它并在那里运行这个单元格。",
        "exported": "已保存 {notebook} 并生成 {zip}：请提交这个文件。",
        "rechecked": "zip 中的 notebook 在新内核中从头重新运行的结果：",
    },
}
DEFAULT_LANGUAGE = "en"
_language = DEFAULT_LANGUAGE  # the language of the notebook otter.Notebook was made for (see _init)


def language() -> str:
    """The checked notebook's language (its ``metadata.convkit.lang``), English if it declares none.

    Set when ``otter.Notebook("<notebook>")`` is created, in the student's kernel and in every
    kernel otter runs the notebook in; the public test files ask for it to word their messages.
    """
    return _language


def say(key: str, **values) -> str:
    """The sentence ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES.get(_language, MESSAGES[DEFAULT_LANGUAGE])[key].format(**values)


def notebook_language(path) -> str:
    """``metadata.convkit.lang`` of the notebook at ``path`` if this module speaks it, else English."""
    try:
        with open(path, encoding="utf-8") as stream:
            metadata = json.load(stream).get("metadata", {})
        lang = metadata.get("convkit", {}).get("lang")
    except (OSError, ValueError, AttributeError, TypeError):
        return DEFAULT_LANGUAGE
    return lang if lang in MESSAGES else DEFAULT_LANGUAGE


#: Name of the attribute where a public check records its outcome (on otter's test_case object,
#: so that otter pickles it with the results and nothing but otter is needed to read them).
OUTCOME = "convkit_outcome"
#: Errors from PyTorch under the student's own line, and the hint each deserves (a key of MESSAGES).
ERROR_HINTS = {
    "Cannot copy out of meta tensor": "hint_meta_copy",
    "Expected all tensors to be on the same device": "hint_meta_copy",
    "cannot be called on meta tensors": "hint_meta_item",
}
#: ipykernel logs this on every start; otter's export re-raises the re-check kernel's log as a warning.
_TCP_LOG_LINE = re.compile(r"^.*Kernel is running over TCP without encryption\..*$\n?", re.M)
SAVE_SECONDS = 10


# ------------------------------------------------------------------ running one check
def public_check(name=None, points=None, hidden=False, success_message=None, failure_message=None):
    """Like otter's ``test_case`` decorator; the case also records what happened (see :func:`outcome`)."""
    case = test_case(name=name, points=points, hidden=hidden, success_message=success_message,
                     failure_message=failure_message)

    def decorate(check):
        @functools.wraps(check)  # otter reads the parameters (the student's names) through __wrapped__
        def run(**names):
            setattr(case, OUTCOME, None)
            try:
                check(**names)
            except Exception as error:
                setattr(case, OUTCOME, outcome(error, names))
                raise
            setattr(case, OUTCOME, {"kind": "passed", "text": ""})

        return case(run)

    return decorate


def outcome(error: BaseException, names: dict) -> dict:
    """What a failed check means for the student: ``{"kind": ..., "text": ...}`` (and ``names`` if missing)."""
    missing = [name for name, value in names.items() if value is None]
    if missing:
        return {"kind": "missing", "text": say("missing", names=say("list_separator").join(missing)), "names": missing}
    stub = _stub_function(error)
    if stub is not None:
        return {"kind": "not_written", "text": say("not_written", function=stub)}
    if isinstance(error, AssertionError):
        return {"kind": "failed", "text": str(error).strip() or type(error).__name__}
    described = f"{type(error).__name__}: {error}".rstrip(": ")
    frames = _student_frames(error)
    if not frames:
        return {"kind": "error", "text": say("check_error", error=described)}
    function, line = frames[-1]
    text = say("student_error", function=function, error=described, line=line)
    hints = [say(key) for pattern, key in ERROR_HINTS.items() if pattern in described]
    return {"kind": "error", "text": say("hint_separator").join([text, *hints[:1]])}


def _student_frames(error: BaseException) -> list[tuple[str, str]]:
    """(function, source line) of each traceback entry in the notebook's own code, outermost first."""
    frames = []
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_globals.get("__name__") == "__main__":  # cells run in __main__; otter's and torch's code do not
            code = frame.f_code
            line = linecache.getline(code.co_filename, traceback.tb_lineno).strip()
            frames.append((getattr(code, "co_qualname", code.co_name), line))
        traceback = traceback.tb_next
    return frames


def _stub_function(error: BaseException):
    """The function still raising its stub's NotImplementedError, here or in the error's context; else None.

    A stub raises it with a ``raise`` statement in the notebook's own code (the last traceback
    entry). The same class raised by PyTorch under the student's line ("Cannot copy out of meta
    tensor") is a real failure, and so is a check's own error wrapping it.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, NotImplementedError):
            last = error.__traceback__
            while last is not None and last.tb_next is not None:
                last = last.tb_next
            if last is not None and last.tb_frame.f_globals.get("__name__") == "__main__":
                code = last.tb_frame.f_code
                if linecache.getline(code.co_filename, last.tb_lineno).strip().startswith("raise"):
                    return getattr(code, "co_qualname", code.co_name)
        error = error.__cause__ or error.__context__
    return None


# ------------------------------------------------------------------ one question's report
class Report:
    """One question's public checks, from otter's results, as a short text or HTML block."""

    def __init__(self, question: str, checks: list[tuple[str, dict]]):
        self.question = question
        self.checks = checks  # (check name, outcome), in the order they ran

    @classmethod
    def of(cls, test_file: TestFile):
        """The report of a test file made with :func:`public_check`, or None for any other."""
        checks = []
        for result in test_file.test_case_results:
            recorded = getattr(result.test_case.body, OUTCOME, None)
            if recorded is None:
                return None
            checks.append((result.test_case.name, recorded))
        return cls(test_file.name, checks) if checks else None

    def failures(self):
        return [(name, result) for name, result in self.checks if result["kind"] != "passed"]

    def headline(self) -> tuple[str, str]:
        """(status, text): status is passed, failed or not_attempted."""
        failures = self.failures()
        kinds = {result["kind"] for _, result in failures}
        if not failures:
            return "passed", say("passed", question=self.question, total=len(self.checks))
        if len(failures) == len(self.checks) and kinds == {"not_written"}:
            return "not_attempted", say("not_attempted", question=self.question)
        if len(failures) == len(self.checks) and kinds == {"missing"}:
            names = sorted({name for _, result in failures for name in result["names"]})
            return "not_attempted", say("not_defined", question=self.question, names=say("list_separator").join(names))
        return "failed", say("failed", question=self.question, failed=len(failures), total=len(self.checks))

    def lines(self) -> list[tuple[str, str]]:
        """(mark, text) lines below the headline: each failing check, then the passing ones in one line."""
        status, _ = self.headline()
        if status != "failed":
            return []
        lines = [("✗", say("check_line", check=name, text=result["text"])) for name, result in self.failures()]
        passed = [name for name, result in self.checks if result["kind"] == "passed"]
        if passed:
            lines.append(("✓", say("passed_checks", checks=say("list_separator").join(passed))))
        return lines

    def text(self) -> str:
        _, headline = self.headline()
        return "\n".join([_plain(headline)] + [f"  {mark} {_plain(text)}" for mark, text in self.lines()])

    def html(self) -> str:
        status, headline = self.headline()
        colour = {"passed": "#1a7f37", "failed": "#cf222e", "not_attempted": "#6e7781"}[status]
        parts = [f'<div style="color: {colour}; font-weight: bold">{_markup(headline)}</div>']
        for mark, text in self.lines():
            weight = "" if mark == "✓" else "font-weight: 500"
            parts.append(f'<div style="margin-left: 1.5em; text-indent: -1em; {weight}">{mark} {_markup(text)}</div>')
        return f'<div class="convkit-check" style="white-space: pre-wrap">{"".join(parts)}</div>'


def _plain(text: str) -> str:
    return text.replace("`", "")


def _markup(text: str) -> str:
    """HTML-escaped, with `code` spans as <code> (never literal backticks)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False)).replace("`", "")


def _otter_original(cls, name: str):
    """otter's own ``cls.name``, even when this module is reloaded (``%reload_ext``) after patching it."""
    if "_convkit_originals" not in cls.__dict__:
        cls._convkit_originals = {}
    return cls._convkit_originals.setdefault(name, getattr(cls, name))


_OTTER_REPR_HTML = _otter_original(TestFile, "_repr_html_")
_OTTER_SUMMARY = _otter_original(TestFile, "summary")


def _repr_html_(self):
    report = Report.of(self)
    return report.html() if report is not None else _OTTER_REPR_HTML(self)


def _summary(self, public_only: bool = False) -> str:
    report = Report.of(self)
    return report.text() if report is not None else _OTTER_SUMMARY(self, public_only=public_only)


# ------------------------------------------------------------------ export
class ExportRefused(Exception):
    """Raised instead of zipping a stale file; shown to the student as its message only, no traceback."""

    def _render_traceback_(self):  # IPython's hook: these lines replace the traceback
        return [f"\x1b[31m{self}\x1b[0m"]


_OTTER_EXPORT = _otter_original(Notebook, "export")
_OTTER_INIT = _otter_original(Notebook, "__init__")


@functools.wraps(_OTTER_INIT)
def _init(self, *args, **kwargs):
    """otter's ``Notebook.__init__``, then the notebook's language becomes the checks' (see :func:`language`).

    A ``Notebook()`` that names no file (otter makes some while grading) leaves the language as it was.
    """
    global _language
    _OTTER_INIT(self, *args, **kwargs)
    if self._notebook:
        _language = notebook_language(self._notebook)


def save_or_refuse(path: str, seconds: float = SAVE_SECONDS) -> None:
    """Have JupyterLab save the notebook on screen; raise :class:`ExportRefused` unless the file was rewritten.

    The kernel knows its notebook from ``JPY_SESSION_NAME`` (set by Jupyter's server): without
    it no frontend can be asked to save, and when it names another file the student is working
    in a copy that ``export`` would not submit.
    """
    session = os.environ.get("JPY_SESSION_NAME")
    if not session:
        raise ExportRefused(say("no_frontend"))
    if os.path.exists(session) and os.path.realpath(session) != os.path.realpath(path):
        raise ExportRefused(say("other_notebook", session=os.path.basename(session), notebook=path))
    before = os.stat(path).st_mtime_ns
    try:
        import ipylab

        ipylab.JupyterFrontEnd().commands.execute("docmanager:save")
    except Exception:  # no ipylab, or no widget support in this frontend
        raise ExportRefused(say("not_saved", notebook=path)) from None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.stat(path).st_mtime_ns != before and os.path.getsize(path) > 0:
            return
        time.sleep(0.05)
    raise ExportRefused(say("not_saved", notebook=path))


def export(self, nb_path=None, export_path=None, pdf=False, filtering=True, pagebreaks=True, files=None,
           display_link=True, force_save=True, run_tests=True, ignore_log=False):
    """otter's ``Notebook.export``, but a requested save must succeed, and the summary is one line a question.

    Unlike otter's, the defaults save first, skip the PDF (these assignments are graded from
    the notebook) and re-run the zip's copy, so a bare ``grader.export()`` also submits what is
    on screen.
    """
    if type(self)._grading_mode:  # otter re-running the notebook: export does nothing there
        return None
    nb_path = self._resolve_nb_path(nb_path)
    if force_save:
        save_or_refuse(nb_path)
    if pdf:  # otter's PDF path may wait for a confirmation widget: leave all of it to otter
        with _without_tcp_warning():
            return _OTTER_EXPORT(self, nb_path, export_path=export_path, pdf=pdf, filtering=filtering,
                                 pagebreaks=pagebreaks, files=files, display_link=display_link, force_save=False,
                                 run_tests=run_tests, ignore_log=ignore_log)
    if export_path is None:
        stamp = datetime.datetime.now().strftime("%Y_%m_%dT%H_%M_%S_%f")
        export_path = f"{os.path.splitext(nb_path)[0]}_{stamp}.zip"  # otter's own naming
    _OTTER_EXPORT(self, nb_path, export_path=export_path, pdf=False, files=files, display_link=False,
                  force_save=False, run_tests=False, ignore_log=ignore_log)
    print(say("exported", notebook=nb_path, zip=export_path), flush=True)
    if run_tests:
        print(say("rechecked"), flush=True)
        print("\n".join("  " + line for line in recheck(export_path, nb_path, self._tests_dir)))
    if display_link:
        from IPython.display import HTML, display

        link = html.escape(export_path)
        display(HTML(f'<p><a href="{link}" download="{link}" target="_blank">{link}</a></p>'))


def recheck(zip_path: str, nb_path: str, tests_dir: str) -> list[str]:
    """Headlines of the zip's notebook run again by otter in a separate process and kernel."""
    from otter.check.utils import grade_zip_file

    with _without_tcp_warning(), contextlib.redirect_stdout(io.StringIO()) as printed:
        results = grade_zip_file(zip_path, nb_path, tests_dir)
    if printed.getvalue().strip():
        print(printed.getvalue().strip())
    lines = []
    for test_file in results.results.values():
        report = Report.of(test_file)
        lines.append(report.headline()[1] if report is not None else _OTTER_SUMMARY(test_file).splitlines()[0])
    return lines


@contextlib.contextmanager
def _without_tcp_warning():
    """Drop ipykernel's TCP log line from the warnings otter raises with a subprocess's stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        message = str(warning.message)
        if issubclass(warning.category, RuntimeWarning) and _TCP_LOG_LINE.search(message):
            message = _TCP_LOG_LINE.sub("", message)
            if not message.strip():
                continue
            warnings.warn(message, RuntimeWarning, stacklevel=3)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


# ------------------------------------------------------------------ faster first meta operation
_warmed = threading.Event()


def _warm_meta_device(*_args) -> None:
    """After the cell that imports torch: import what torch's first meta operation needs, in the background."""
    if _warmed.is_set() or "torch" not in sys.modules:
        return
    _warmed.set()

    def warm():
        with contextlib.suppress(Exception):
            import torch._dynamo  # noqa: F401

    threading.Thread(target=warm, name="convkit-warm-meta", daemon=True).start()


# ------------------------------------------------------------------ installing
def install() -> None:
    """Short check reports and a strict export, for otter's classes in this process (idempotent)."""
    TestFile._repr_html_ = _repr_html_
    TestFile.summary = _summary
    Notebook.__init__ = _init
    Notebook.export = export


def load_ipython_extension(ipython) -> None:
    """``%reload_ext convkit_student`` (the notebook's first cell): install; warm the meta device once torch is in.

    ``%reload_ext`` rather than ``%load_ext``, which prints "already loaded" when the cell runs again.
    """
    install()
    ipython.events.register("post_run_cell", _warm_meta_device)


def unload_ipython_extension(ipython) -> None:
    """Before ``%reload_ext`` re-imports this module: drop the hook the old module registered."""
    ipython.events.unregister("post_run_cell", _warm_meta_device)


install()
