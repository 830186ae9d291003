"""The student's loop in real JupyterLab, driven in a real (headless) Chromium.

For each assignment, in English and in Chinese (each notebook reports in its own language): open
the student notebook, restart the kernel and run all cells with the stubs in place, type d2l's textbook code for a question into its stub cell through the editor, run its
check, make the code subtly wrong and check again, then run the export cell *without saving*
and open the zip: it must hold the code on screen. No output may show a traceback or a warning.

JupyterLab runs from this environment on 127.0.0.1 with a token, with private Jupyter and
IPython folders, and with the JupyterLab extensions that requirements-student.txt does not
install turned off (nbgrader's instructor tools), so the page is what a student sees. Chromium
is Debian's (``/usr/bin/chromium``), installed with apt-get when missing and running as root;
Playwright drives it without downloading a browser. Screenshots go to ``out/browser/`` (ignored
by git), with ``timings.json``: seconds from restarting the kernel (then Run All) to the first
check's output, with the stubs and again with an answer in place, and for a check once warm.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.languages import LANGUAGES, tag
from convkit.paths import KIT_ROOT
from tests.helpers import textbook_code
from student_environment import extensions_students_lack
from tests.helpers import say

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
sync_playwright, PlaywrightTimeout = playwright.sync_playwright, playwright.TimeoutError

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
APT_PACKAGES = ["chromium", "fonts-noto-color-emoji", "fonts-wqy-microhei"]  # emoji, Chinese
SHOTS = KIT_ROOT / "out" / "browser"


@dataclass(frozen=True)
class Scenario:
    """What a student types for one question: d2l's textbook code, then a subtle mistake in it."""
    assignment: str
    question: str
    mistake: tuple[str, str]  # replace this with that
    checks: int  # the question's public checks
    textbook_failures: int  # how many of them the textbook code fails
    lang: str = "en"

    @property
    def notebook(self) -> str:
        return f"{self.assignment}{tag(self.lang)}.ipynb"

    @property
    def name(self) -> str:
        return f"{self.assignment}{tag(self.lang)}"

    def headline(self, failed: int) -> str:
        return say(self.lang, "failed", question=self.question, failed=failed, total=self.checks)


SCENARIOS = [Scenario(assignment, question, mistake, checks, failures, lang) for lang in LANGUAGES
             for assignment, question, mistake, checks, failures in (
                 ("conv-layer", "corr2d", ("* K).sum()", "* K.T).sum()"), 4, 2),
                 ("channels", "corr2d_multi_in", ("zip(X, K)", "zip(X, K.flip(0))"), 3, 2))]

CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
IDLE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status=idle]"
BUSY = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator:not([data-status=idle])"
OUTPUT_COUNT = """([index]) => {
    const cell = document.querySelectorAll(%r)[index];
    return cell ? cell.querySelectorAll('.jp-OutputArea-output').length : -1;
}""" % CELLS
PROMPT = """([index]) => {
    const prompt = document.querySelectorAll(%r)[index].querySelector('.jp-InputPrompt');
    return prompt ? prompt.textContent.trim() : '';
}""" % CELLS


def rerun(index: int, previous_prompt: str) -> str:
    """JavaScript: true once cell ``index`` shows an execution count other than ``previous_prompt``."""
    return f"/^\\[\\d+\\]/.test(({PROMPT})([{index}])) && ({PROMPT})([{index}]) !== {previous_prompt!r}"


FORBIDDEN = ("Traceback", "Warning", "warning", "TCP", "convkit check")


# ---------------------------------------------------------------- the browser and JupyterLab
def ensure_chromium() -> None:
    """Install Debian's chromium and the fonts when missing (as root); without chromium, say why the test
    cannot run. A missing font only changes how the screenshots look (Chinese text, emoji)."""
    missing = [package for package in APT_PACKAGES if not apt_installed(package)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        if not CHROMIUM.exists():
            pytest.skip(f"{CHROMIUM} is missing and this is not root with apt-get: install it with "
                        f"`apt-get install {' '.join(APT_PACKAGES)}` to run the browser test")
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    done = subprocess.run(install, env=env, capture_output=True, text=True)
    if done.returncode != 0:  # a fresh machine may have no package lists yet
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, text=True)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not CHROMIUM.exists():
        pytest.fail(f"apt-get could not install {' '.join(missing)}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def apt_installed(package: str) -> bool:
    if package == "chromium":
        return CHROMIUM.exists()
    if not shutil.which("dpkg-query"):
        return True  # not Debian: nothing to install the fonts with, and nothing to check them by
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return done.stdout.endswith(" installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_environment(home: Path) -> dict:
    """Private Jupyter/IPython folders, no news pop-up, instructor-only extensions off, warnings as students get them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}  # dev.py hides warnings; students see them
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        (home / name.lower()).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name.lower())
    notification = home / "jupyterlab_settings_dir" / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    requirements = KIT_ROOT / "assignments" / "conv-layer" / "requirements-student.txt"
    disabled = {name: True for name in extensions_students_lack(requirements)}
    (home / "jupyter_config_dir" / "labconfig").mkdir()
    (home / "jupyter_config_dir" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": disabled}))
    return env


@dataclass
class Lab:
    url: str
    token: str
    root: Path

    def notebook_url(self, workspace: str, path: str) -> str:
        """A workspace of its own per notebook: JupyterLab would otherwise reopen the last one's tabs too."""
        return f"{self.url}/lab/workspaces/{workspace}/tree/{path}?token={self.token}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    ensure_chromium()
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "work"
    for assignment in ASSIGNMENTS:
        shutil.copytree(KIT_ROOT / "assignments" / assignment, root / assignment)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, env=lab_environment(home), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(url, token, server, home / "jupyterlab.log")
        yield Lab(url, token, root)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def wait_for_server(url: str, token: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with status {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within {seconds} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def browser(lab):
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def timings():
    measured: dict[str, dict[str, float]] = {}
    yield measured
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "timings.json").write_text(json.dumps(measured, indent=2) + "\n")


# ---------------------------------------------------------------- a student at the keyboard
class Student:
    """One notebook in one browser tab, with the cell indices of the generated notebook."""

    def __init__(self, page, lab: Lab, scenario: Scenario):
        self.page, self.lab, self.assignment, self.name = page, lab, scenario.assignment, scenario.name
        self.path = lab.root / scenario.assignment / scenario.notebook
        cells = json.loads(self.path.read_text())["cells"]
        self.index = {cell["id"]: number for number, cell in enumerate(cells)}
        self.check_cells = [cell["id"] for cell in cells if cell["id"].endswith("-check")]

    def open(self) -> None:
        # a workspace of its own per notebook, named without dots (JupyterLab's router takes them for a file)
        self.page.goto(self.lab.notebook_url(self.name.replace(".", "-"), f"{self.assignment}/{self.path.name}"))
        self.page.wait_for_selector(CELLS, timeout=120_000)
        self.page.wait_for_selector(IDLE, timeout=120_000)

    def cell(self, cell_id: str):
        return self.page.locator(CELLS).nth(self.index[cell_id])

    def output_text(self, cell_id: str) -> str:
        """The cell's outputs as text, one output a line (textContent: off-screen cells have no innerText)."""
        return "\n".join(self.cell(cell_id).locator(".jp-OutputArea-output").all_text_contents())

    def menu(self, menu: str, item: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        self.page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(f"^{re.escape(item)}$")).click()

    def wait_for_output(self, cell_id: str, seconds: float = 180, cleared_first: bool = False) -> None:
        """Until ``cell_id`` shows an output (polled by the page itself, every 20 ms); first until it has none."""
        if cleared_first:
            self.page.wait_for_function(f"({OUTPUT_COUNT})([{self.index[cell_id]}]) == 0", timeout=60_000,
                                        polling=20)
        self.page.wait_for_function(f"({OUTPUT_COUNT})([{self.index[cell_id]}]) > 0", timeout=seconds * 1000,
                                    polling=20)

    def wait_until_idle(self) -> None:
        self.page.wait_for_selector(IDLE, timeout=300_000)

    def restart_and_run_all(self) -> float:
        """Restart the kernel, run every cell; seconds from the restart to the first check's output.

        Restart, then Run All once the new kernel is idle: JupyterLab's "Restart Kernel and Run All"
        sometimes sends the cells while the kernel's websocket reconnects, and jupyter_server then
        fails to decode them ("unpack requires a buffer") and the kernel never runs them.
        """
        self.menu("Kernel", "Restart Kernel…")
        start = time.monotonic()
        self.page.locator(".jp-Dialog button.jp-mod-accept").click()
        self.page.wait_for_selector(".jp-Dialog", state="detached")
        with contextlib.suppress(PlaywrightTimeout):  # a quick restart may be over before we look
            self.page.wait_for_selector(BUSY, state="attached", timeout=5_000)
        self.wait_until_idle()
        self.menu("Run", "Run All Cells")
        self.wait_for_output(self.check_cells[0], cleared_first=True)
        seconds = time.monotonic() - start
        self.wait_for_output("submit", seconds=300, cleared_first=True)  # the export cell ends Run All
        self.wait_until_idle()
        return seconds

    def type_code(self, cell_id: str, code: str) -> None:
        """Replace a cell's text through the editor, as a student would (click, select all, type)."""
        self.cell(cell_id).locator(".cm-content").click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code)

    def prompt(self, cell_id: str) -> str:
        return self.page.evaluate(PROMPT, [self.index[cell_id]])

    def wait_for_new_run(self, cell_id: str, previous_prompt: str, seconds: float = 300) -> None:
        """Until the cell has run again (its prompt shows a new execution count) and shows an output."""
        index = self.index[cell_id]
        self.page.wait_for_function(f"() => {rerun(index, previous_prompt)} && ({OUTPUT_COUNT})([{index}]) > 0",
                                    timeout=seconds * 1000, polling=20)

    def run_cell_and_next(self, cell_id: str) -> float:
        """Run ``cell_id`` (editor focused) and the check cell after it; seconds until the check's new output."""
        check = cell_id.replace("-code", "-check")
        assert self.index[check] == self.index[cell_id] + 1
        previous_code, previous_check = self.prompt(cell_id), self.prompt(check)
        self.page.keyboard.press("Shift+Enter")
        self.page.wait_for_function(f"() => {rerun(self.index[cell_id], previous_code)}", timeout=60_000, polling=20)
        start = time.monotonic()
        self.page.keyboard.press("Shift+Enter")  # the check cell is selected now
        self.wait_for_new_run(check, previous_check)
        seconds = time.monotonic() - start
        self.wait_until_idle()
        return seconds

    def run_export_without_saving(self) -> None:
        dirty = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty")
        assert dirty.count() == 1, "the notebook must have unsaved changes"
        previous = self.prompt("submit")
        self.cell("submit").locator(".jp-InputArea-editor").click()
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+Enter")  # run in place (Shift+Enter on the last cell adds one)
        self.wait_for_new_run("submit", previous)
        self.wait_until_idle()

    def screenshot(self, name: str, *cell_ids: str) -> None:
        """A picture of the given adjacent cells (or of the whole window), under out/browser/."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{self.name}-{name}.png"
        if not cell_ids:
            self.page.screenshot(path=str(path))
            return
        self.cell(cell_ids[0]).scroll_into_view_if_needed()
        self.page.wait_for_timeout(500)  # let the scroll settle and the cells render
        boxes = [self.cell(cell_id).bounding_box() for cell_id in cell_ids]
        height = self.page.viewport_size["height"]
        top = max(min(b["y"] for b in boxes), 0)
        bottom = min(max(b["y"] + b["height"] for b in boxes), height)
        left, right = min(b["x"] for b in boxes), max(b["x"] + b["width"] for b in boxes)
        self.page.screenshot(path=str(path), clip={"x": left, "y": top, "width": right - left, "height": bottom - top})

    def all_outputs(self) -> str:
        return "\n".join(self.output_text(cell_id) for cell_id in self.index)


def scenario_textbook(scenario: Scenario) -> str:
    """d2l's code for the question (its source's ``textbook`` block), as a student types it."""
    return textbook_code(scenario.assignment, scenario.question).strip() + "\n"


def assert_clean(text: str, where: str) -> None:
    found = [word for word in FORBIDDEN if word in text]
    assert not found, f"{where} shows {found}:\n{text[:3000]}"


def newest_zip(folder: Path, stem: str) -> Path:
    """The newest otter export of the notebook ``stem`` (``conv-layer``, ``conv-layer.zh``) in ``folder``."""
    zips = sorted(folder.glob(f"{stem}_*.zip"), key=lambda p: p.stat().st_mtime)
    assert zips, f"no zip in {folder}"
    return zips[-1]


def zipped_notebook_cell(zip_path: Path, notebook: str, cell_id: str) -> dict:
    with zipfile.ZipFile(zip_path) as archive:
        cells = json.loads(archive.read(notebook))["cells"]
    return next(cell for cell in cells if cell.get("id") == cell_id)


def zipped_cell(zip_path: Path, notebook: str, cell_id: str) -> str:
    return "".join(zipped_notebook_cell(zip_path, notebook, cell_id)["source"])


def zipped_outputs(zip_path: Path, notebook: str, cell_id: str) -> str:
    outputs = zipped_notebook_cell(zip_path, notebook, cell_id).get("outputs", [])
    return "\n".join("".join(o.get("data", {}).get("text/plain", "")) for o in outputs)


# ---------------------------------------------------------------- the test
def before_colon(text: str) -> str:
    """``Not exported: ...`` -> ``Not exported``; also with Chinese punctuation (``未导出：...``)."""
    return re.split(r"[:：]", text, maxsplit=1)[0]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_students_loop_in_jupyterlab(lab, browser, timings, scenario):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    student = Student(page, lab, scenario)
    code_cell = f"{scenario.question}-code"
    check_cell = f"{scenario.question}-check"
    measured = timings.setdefault(scenario.name, {})
    folder, lang = lab.root / scenario.assignment, scenario.lang
    textbook_headline = scenario.headline(scenario.textbook_failures)
    mistake_headline = scenario.headline(scenario.checks)
    try:
        student.open()

        measured["restart_run_all_to_first_check_stubs_s"] = round(student.restart_and_run_all(), 2)
        for cell_id in student.check_cells:  # an untouched notebook: one line per question
            report = student.output_text(cell_id).strip()
            question = cell_id.removesuffix("-check")
            assert report == say(lang, "not_attempted", question=question), f"{cell_id}: {report!r}"
        assert_clean(student.all_outputs(), "Run All with the stubs")
        # Run All ends with the export: its zip holds the notebook as run, outputs included
        first_check = zipped_outputs(newest_zip(folder, scenario.name), student.path.name, student.check_cells[0])
        first_question = student.check_cells[0].removesuffix("-check")
        assert first_check.endswith(say(lang, "not_attempted", question=first_question)), first_check
        student.screenshot("stubs", student.check_cells[0])

        textbook = scenario_textbook(scenario)
        student.type_code(code_cell, textbook)
        measured["warm_check_s"] = round(student.run_cell_and_next(code_cell), 2)
        report = student.output_text(check_cell)
        assert textbook_headline in report, report
        assert before_colon(say(lang, "passed_checks", checks="")) in report, report
        assert_clean(report, "the textbook code's check")
        student.screenshot("textbook", code_cell, check_cell)

        wrong = textbook.replace(*scenario.mistake)
        assert wrong != textbook
        student.type_code(code_cell, wrong)
        student.run_cell_and_next(code_cell)
        report = student.output_text(check_cell)
        assert mistake_headline in report, report
        assert_clean(report, "the subtly wrong code's check")
        student.screenshot("mistake", code_cell, check_cell)

        zips_before = set(folder.glob("*.zip"))
        student.run_export_without_saving()
        summary = student.output_text("submit")
        assert_clean(summary, "the export")
        assert before_colon(say(lang, "not_saved", notebook="")) not in summary, summary
        assert mistake_headline in summary, summary
        student.screenshot("export", "submit")
        zip_path = newest_zip(folder, scenario.name)
        assert zip_path not in zips_before and zip_path.name in summary
        on_disk = zipped_cell(zip_path, student.path.name, code_cell)
        assert on_disk.strip() == wrong.strip(), "the zip must hold the code on screen"

        # Run All again, now with an answer in place: its check uses the meta device first.
        measured["restart_run_all_to_first_check_answered_s"] = round(student.restart_and_run_all(), 2)
        assert_clean(student.all_outputs(), "Run All with an answer")
        student.screenshot("page")
    except BaseException:
        student.screenshot("failure")  # what the page showed, for whoever reads the failure
        raise
    finally:
        page.close()
