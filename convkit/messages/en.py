"""English: the kit's own texts (feedback, reports, statuses, the generic checks and mistakes).

Each key maps to a ``str.format`` template. Placeholders are filled with numbers, code,
tensor descriptions (``tensor 6×8 float32 on cpu``) or other messages. A translation is a
file ``<language>.py`` beside this one with the same keys and the same placeholders.
Graders' own texts live with the graders (``autograder/graders/<package>/messages/``).
"""

MESSAGES = {
    # ------------------------------------------------------------------ one failed check
    "failure.expected": "expected: {value}",
    "failure.got": "got:      {value}",
    "failure.hint": "hint: {value}",
    "failure.not_implemented": "{name} is not written yet (it raised NotImplementedError)",
    "failure.not_defined": "{name} is not defined",
    "failure.skipped": "not run: {reason}",
    "failure.timeout": "no answer within {seconds} s (the call was stopped)",
    "failure.hung": "{name} did not return within {seconds} s in an earlier call",
    "failure.uses_hung": "{name} uses {hung}, which did not return within {seconds} s in an earlier call",
    "failure.sandbox": "{reason}",
    "failure.skipped_by_grader": "skipped",
    "failure.grader_error": "the grader could not check this (an error in the grader, not in your code)",

    # ------------------------------------------------------------------ what was expected / what came back
    "check.a_tensor": "a tensor",
    "check.a_tensor_of_shape": "a tensor of shape {shape}",
    "check.shape": "shape {shape}",
    "check.dtype_expected": "dtype {dtype} (the input's dtype)",
    "check.dtype": "dtype {dtype}",
    "check.device_expected": "a result on the {device} device, like the inputs",
    "check.device": "a result on {device}",
    "check.a_tensor_with_values": "a tensor with values",
    "check.meta_result": "a meta tensor (no values)",
    "check.literal": "{value}",
    "check.reference_values": "values matching the reference (shape {shape})",
    "check.reference_value": "the reference value",
    "check.values_wrong": "{count} of {total} values wrong (largest error {error} at index {index})",
    "check.revealed_got": "{value} — {summary}",
    "check.raises": "{error} to be raised",
    "check.raised": "{error}",
    "check.raised_at": "{error} (at {where})",
    "check.returned": "it returned {value}",
    "result.none": "None (did you forget to return the result?)",
    "result.described": "a {description}",
    "result.of_type": "a {type}",

    # ------------------------------------------------------------------ rules (hints that hold for any such failure)
    "hint.keep_device": "create every new tensor on the input's device and with its dtype, e.g. "
                        "torch.zeros(shape, device=X.device, dtype=X.dtype), or build the result from operations "
                        "on X and K only",
    "hint.keep_dtype": "create new tensors with dtype=X.dtype (e.g. torch.zeros(..., dtype=X.dtype, "
                       "device=X.device)) or build the result from operations on the inputs",
    "hint.return_tensor": "return a torch.Tensor",
    "hint.compute_from_inputs": "compute the result from the inputs",
    "hint.not_implemented": "replace the stub's body (raise NotImplementedError) with your code",
    "hint.run_yourself": "run this call yourself and fix the error",
    "hint.define_name": "define {name} (the name exactly as the stub spells it) and run its cell",
    "hint.fix_syntax_error": "fix the syntax error and run the cell again; nothing in that cell could be graded",
    "hint.cell_must_run": "run the notebook from the top (Kernel > Restart and Run All) and fix the first error",
    "hint.timeout": "{function} did not return in time: look for a loop whose condition never changes, or work "
                    "that grows far too fast; its later calls are not made, so your other questions keep their time",
    "hint.grader_error": "this is not counted against you: your TA sees the error and will look at it",

    # ------------------------------------------------------------------ mistakes any tensor result can show
    "mistake.transposed_result": "your result is the transpose of the expected one: rows index the height "
                                 "(i, along X.shape[0]) and columns the width (j, along X.shape[1])",
    "mistake.float32_precision": "your float64 result has only float32 accuracy: somewhere the computation runs "
                                 "in float32 (a tensor made without dtype=X.dtype, or a .float()) and is cast "
                                 "back at the end; keep every step in the input's dtype",
    "mistake.all_zeros": "your result is zero everywhere: nothing was written into it, or the wrong tensor is "
                         "returned",
    "mistake.numpy_round_trip": "your code leaves PyTorch (.numpy() / torch.from_numpy): NumPy computes on the CPU "
                                "only, so the result cannot stay on the input's device; compute with torch "
                                "operations on X and K",
    "mistake.moves_to_cpu": "your code calls .cpu(), which moves the data off the input's device; compute where "
                            "the inputs are",
    "mistake.factory_without_device": "torch.{factory}(...) at {where} creates its tensor on the CPU: pass "
                                      "device=X.device (and dtype=X.dtype), or use torch.{factory}_like / X.new_{factory}",
    "mistake.flipped_kernel": "your result equals the cross-correlation with the kernel flipped (K.flip(0, 1), "
                              "which is convolution): slide K as it is, Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum()",
    "mistake.transposed_kernel": "your result equals the cross-correlation with K transposed: multiply each window "
                                 "by K itself, entry K[a, b] with X[i+a, j+b]",
    "mistake.assumes_contiguous": "your result is what X's memory gives when read as if X were contiguous (row "
                                  "after row), but this X is a transposed view (X = A.t()): as_strided with "
                                  "strides computed from the shape, or .view(), assume that layout; use X.unfold "
                                  "or X.stride(), or call X.contiguous() first",
    "mistake.range_one_short": "your result is one row and one column short: a kernel of height kh fits at "
                               "h - kh + 1 positions down (range(h - kh + 1)), likewise across",
    "mistake.range_one_long": "your result has one row and one column too many: a kernel of height kh fits at "
                              "h - kh + 1 positions down, not h - kh + 2",
    "mistake.kernel_axes_swapped": "your result has the shape a kernel of shape (kw, kh) would give: the kernel's "
                                   "height and width are swapped somewhere (a transpose, or a turn by 90°)",
    "mistake.input_size_output": "your result has the input's size: without padding, only h - kh + 1 by "
                                 "w - kw + 1 windows fit inside X",
    "mistake.factory_without_dtype": "torch.{factory}(...) at {where} creates a float32 tensor whatever the input's "
                                     "dtype: pass dtype=X.dtype (and device=X.device)",

    # ------------------------------------------------------------------ a question as a whole
    "question.not_attempted": "not attempted (the stub is unchanged)",
    "question.syntax_error": "{name} is in {cell}, which has a syntax error: {error}",
    "question.not_defined_when_run": "{name} is written in {cell} but was not defined when the notebook ran: {error}",

    # ------------------------------------------------------------------ cells, as JupyterLab shows them
    "cell.executed": "cell [{count}]",
    "cell.code": "code cell {number}",

    # ------------------------------------------------------------------ findings
    "location.line": "{place}, line {line}",
    "location.line_code": "{place}, line {line}: {code}",
    "finding.cases": "{test} ({failed} of {total} cases)",
    "finding.heading": "{tests}: -{points} points",

    # ------------------------------------------------------------------ question statuses
    "status.passed": "ok",
    "status.partial": "partly",
    "status.failed": "FAILED",
    "status.not_attempted": "not attempted",

    # ------------------------------------------------------------------ feedback (terminal and Markdown)
    "feedback.text_title": "{file} — assignment {assignment}",
    "feedback.not_graded": "not graded: {reason}",
    "feedback.note": "note: {note}",
    "feedback.total": "total",
    "feedback.passing": "passing: {tests}",
    "feedback.by_hand": "written answer: graded by your TA",
    "feedback.by_hand_placeholder": "written answer: not written (the placeholder is unchanged)",
    "feedback.by_hand_not_found": "written answer: no answer cell found (your TA will look at the notebook)",
    "feedback.by_hand_no_notebook": "written answer: none (a .py file has no answer cell)",
    "feedback.title": "Feedback for {student}",
    "feedback.title_plain": "Feedback",
    "feedback.title_on": "{title} on {file}",
    "feedback.missing": "No submission from you was found for this assignment.",
    "feedback.could_not_grade": "Your submission for **{assignment}** could not be graded: {reason}",
    "feedback.score": "Assignment **{assignment}**: **{score}** ({percent}%)",
    "feedback.while_running": "While running your submission:",
    "feedback.column_question": "question",
    "feedback.column_points": "points",

    # ------------------------------------------------------------------ statuses and the grades CSV
    "status.graded": "graded",
    "status.limits_hit": "{status} (limits hit: {limits})",
    "status.not_attempted_list": "not attempted: {questions}",
    "status.nothing_attempted": "nothing attempted (every question is still its stub)",
    "csv.by_hand_column": "{question} (by hand, /{points})",
    "csv.to_grade": "to grade",
    "csv.not_answered": "not answered",
    "csv.no_answer_cell": "look: no answer cell",

    # ------------------------------------------------------------------ notes about the whole run
    "note.cell_error": "{cell} raised an error: {error}",
    "note.cell_timeout": "{cell} was stopped (time limit) and skipped: {error}",
    "note.cell_crashed": "{cell} ended the process and was skipped: {error}",
    "note.limits": "limits hit: {limits}",

    # ------------------------------------------------------------------ the TA's report (report.md, scores.png)
    "report.count.graded": "{count} graded",
    "report.count.not_graded": "{count} could not be graded",
    "report.count.missing": "{count} missing",
    "report.count.students": "{count} students: {parts}",
    "report.count.students_one": "{count} student: {parts}",
    "report.headline": "{counts}; mean of the submissions {mean}%.",
    "report.figure_alt": "totals and each question's mean",
    "report.section.needs_look": "Needs a look",
    "report.section.questions": "Questions",
    "report.section.mistakes": "Mistakes, by question",
    "report.section.not_graded": "Not graded",
    "report.section.missing": "Missing (on the roster, no submission)",
    "report.section.not_on_roster": "Not on the roster",
    "report.section.isolation": "Isolation",
    "report.nothing_to_look_at": "Nothing: every submission was graded within its limits, no cell failed, no grader "
                                 "error, no written answer waits.",
    "report.mistakes_intro": "What students were told, grouped: a named mistake (the grader computed its output and "
                             "it equals the student's) or, where no known mistake matched, the rule they were given. "
                             "Counts are students; points are the average lost per student.",
    "report.no_mistakes": "None.",
    "report.every_file_graded": "Every file in the folder was graded.",
    "report.nothing_graded": "nothing graded",
    "report.column.question": "question",
    "report.column.max": "max",
    "report.column.mean": "mean",
    "report.column.full_marks": "full marks",
    "report.column.partly": "partly",
    "report.column.zero": "0 points",
    "report.column.not_attempted": "not attempted",
    "report.by_hand_row": "graded by hand (see Needs a look)",
    "report.and_more": "and {count} more",
    "report.kind.mistake": "mistake",
    "report.kind.rule": "hint",
    "report.mistake_line": "- **{label}** ({kind}): {students}, -{lost} points each on average: {names}",
    "report.students": "{count} students",
    "report.students_one": "1 student",
    "report.run.not_implemented": "{function} left as the stub (raises NotImplementedError)",
    "report.run.not_defined": "{function} not defined when the notebook runs (its cell failed)",
    "report.run.timeout": "a call did not return in time ({function})",
    "report.run.skipped": "not run: {function} did not return in time earlier",
    "report.run.crash": "the process running the code ended ({function})",
    "report.run.memory": "over the memory limit ({function})",
    "report.run.grader_error": "grader error (not the student's fault)",
    "report.run.not_attempted": "not attempted",
    "report.failed_without_hint": "failed ({kind}), no hint",
    "report.look.grader_errors": "**grader errors** in {count} submissions: not counted against the students; the "
                                 "traceback is in results/<student>.json (tests[].detail.traceback)",
    "report.look.grader_error": "{who}: {question} / {test}",
    "report.look.not_graded": "{who}: not graded: {status}",
    "report.look.cell_error": "{who}: {cell} raised an error: {error}",
    "report.look.syntax_error": "{who}: {cell} has a syntax error: {error}",
    "report.look.cell_timeout": "{who}: {cell} was stopped (time limit) and skipped: {error}",
    "report.look.cell_crashed": "{who}: {cell} ended the process and was skipped: {error}",
    "report.look.limits": "{who}: hit limits ({limits}); kept the {points} points earned",
    "report.look.flags": "{who}: {flags}",
    "report.look.to_grade": "**written answers to grade**: {question} ({points} points by hand): {count} to grade "
                            "({names}); {blank} left blank; the column \"{question} (by hand, ...)\" of "
                            "final_grades.csv is for the points",
    "report.look.no_answer_cell": "{who}: no answer cell for {question} was found: open the notebook",
    "report.no_isolation": "No submission ran (nothing to isolate).",
    "report.isolation_mode": "Mode **{mode}**: {protections}.",
    "report.isolation_weaker": "**weaker:** {weakness}",
    "report.plot.total_axis": "total (% of the automatic points)",
    "report.plot.students_axis": "students",
    "report.plot.total_title": "Totals of {count} graded submissions (mean {mean}%)",
    "report.plot.mean_axis": "mean score (% of the question's points)",
    "report.plot.mean_title": "Mean score per question",

    # ------------------------------------------------------------------ the plugins (nbgrader's test cells)
    "otter.header": "Scores computed by convkit, in a separate sandboxed process.",
    "otter.weaker": "Isolation weaker than usual: {weaknesses}",
    "otter.could_not_grade": "Your submission could not be graded: {error}\nEvery question scores 0.",
    "nbgrader.cell_title": "{question}: {score}  {status}  (graded by convkit from the submitted notebook; hidden tests "
                           "included)",
    "nbgrader.while_running": "While running the notebook:",
    # ------------------------------------------------------------------ convkit grade's terminal summary
    "summary.student": "student",
    "summary.file": "file",
    "summary.points": "points",
    "summary.not_graded": "not graded ({count}):",
    "summary.not_graded_none": "not graded: none",
    "summary.missing": "missing ({count}): {students}",
    "summary.missing_none": "missing: none",
    "summary.strangers": "not on the roster ({count}): {students}",
    "summary.strangers_none": "not on the roster: none",
    "summary.more": "... and {count} more: {reason} (all listed in report.md)",
    # ------------------------------------------------------------------ joining texts (messages.joined)
    "join.list": "{a}, {b}",
    "join.clauses": "{a}; {b}",
    # ------------------------------------------------------------------ limits a submission hit
    "limit.time": "time",
    "limit.memory": "memory",
    "limit.crash": "crash",
    "limit.output": "output",
    "limit.submission_time": "submission time",
    "limit.question_time": "question time",
    # ------------------------------------------------------------------ the sandbox: what protects the grader
    "isolation.protection.fresh_root": "fresh root with only the Python runtime (read-only)",
    "isolation.protection.private_scratch": "private /tmp, /var/tmp, /dev/shm and working directory per sandbox",
    "isolation.protection.own_namespaces": "own PID, network, IPC and UTS namespaces",
    "isolation.protection.locked_mounts": "locked mounts",
    "isolation.protection.no_capabilities": "no capabilities, no_new_privs, seccomp filter",
    "isolation.protection.own_uid_zygote": "zygote and sandboxes under a uid of their own",
    "isolation.protection.landlock": "Landlock ABI {abi}",
    "isolation.protection.landlock_allow_list": "Landlock ABI {abi} allow-list (runtime read-only, own working directory)",
    "isolation.protection.no_new_privs": "no_new_privs, seccomp filter",
    "isolation.protection.own_uid": "own uid per sandbox",
    "isolation.protection.signal_scoping": "Landlock signal scoping",
    "isolation.protection.cgroup": "cgroup {version} memory and process limits per sandbox",
    "isolation.protection.one_process": "memory limit for the whole sandbox: one process (no fork or exec), its threads sharing one address-space limit",
    "isolation.weakness.no_pid_namespace": "no PID namespace (Landlock hides /proc and scopes signals instead)",
    "isolation.weakness.read_search": "keeps CAP_DAC_READ_SEARCH (the Python runtime is in a folder only root can read); Landlock and seccomp bound it",
    "isolation.weakness.none": "NO ISOLATION ({problems}): a submission could read the answer keys and forge its results",
    "isolation.weakness.no_cgroup": "no control group ({reason}): limits are rlimits, and submissions may not start processes",
}
