"""简体中文：本工具自己的文字（反馈、报告、状态、各评分器共用的检查和已知错误），与 ``en.py`` 一一对应。

每个键对应一个 ``str.format`` 模板，键和占位符与英文版相同。占位符填入的数字、代码、张量描述
（``tensor 6×8 float32 on cpu``）原样保留。术语依照《动手学深度学习》中文版：互相关运算、卷积核、
填充、步幅、输入/输出通道、感受野。
"""

MESSAGES = {
    # ------------------------------------------------------------------ one failed check
    "failure.expected": "期望：{value}",
    "failure.got": "实际：{value}",
    "failure.hint": "提示：{value}",
    "failure.not_implemented": "{name} 还没有写（它抛出了 NotImplementedError）",
    "failure.not_defined": "{name} 没有定义",
    "failure.skipped": "未运行：{reason}",
    "failure.timeout": "{seconds} 秒内没有返回（调用已被终止）",
    "failure.hung": "{name} 在之前的一次调用中没有在 {seconds} 秒内返回",
    "failure.uses_hung": "{name} 用到了 {hung}，而后者在之前的一次调用中没有在 {seconds} 秒内返回",
    "failure.sandbox": "{reason}",
    "failure.skipped_by_grader": "已跳过",
    "failure.grader_error": "评分器无法检查这一项（是评分器出错，不是你的代码出错）",

    # ------------------------------------------------------------------ what was expected / what came back
    "check.a_tensor": "一个张量",
    "check.a_tensor_of_shape": "形状为 {shape} 的张量",
    "check.shape": "形状 {shape}",
    "check.dtype_expected": "dtype {dtype}（与输入的 dtype 相同）",
    "check.dtype": "dtype {dtype}",
    "check.device_expected": "结果与输入一样位于 {device} 设备上",
    "check.device": "结果位于 {device} 上",
    "check.a_tensor_with_values": "一个有值的张量",
    "check.meta_result": "一个 meta 张量（没有值）",
    "check.literal": "{value}",
    "check.reference_values": "与参考答案一致的值（形状 {shape}）",
    "check.reference_value": "参考答案的值",
    "check.values_wrong": "{total} 个值中有 {count} 个不对（最大误差 {error}，位于下标 {index}）",
    "check.revealed_got": "{value} — {summary}",
    "check.raises": "抛出 {error}",
    "check.raised": "{error}",
    "check.raised_at": "{error}（位于{where}）",
    "check.returned": "它返回了 {value}",
    "result.none": "None（是不是忘了 return 结果？）",
    "result.described": "{description}",
    "result.of_type": "一个 {type}",

    # ------------------------------------------------------------------ rules (hints that hold for any such failure)
    "hint.keep_device": "每个新建的张量都要放在输入所在的设备上、使用输入的 dtype，例如 "
                        "torch.zeros(shape, device=X.device, dtype=X.dtype)；或者只用 X 和 K 的运算得到结果",
    "hint.keep_dtype": "新建张量时指定 dtype=X.dtype（例如 torch.zeros(..., dtype=X.dtype, device=X.device)），"
                       "或者直接由输入的运算得到结果",
    "hint.return_tensor": "返回一个 torch.Tensor",
    "hint.compute_from_inputs": "由输入计算出结果",
    "hint.not_implemented": "把桩代码的函数体（raise NotImplementedError）换成你自己的代码",
    "hint.run_yourself": "自己运行一下这个调用，修正其中的错误",
    "hint.define_name": "定义 {name}（名字与桩代码中的拼写完全一致），并运行它所在的单元格",
    "hint.fix_syntax_error": "修正语法错误后重新运行这个单元格；这个单元格里的内容都无法评分",
    "hint.cell_must_run": "从头运行整个笔记本（Kernel > Restart and Run All），修正遇到的第一个错误",
    "hint.timeout": "{function} 没有按时返回：检查有没有条件永远不变的循环，或者增长过快的计算量；"
                    "它之后的调用不再进行，这样你的其他题目不会因此耗尽时间",
    "hint.grader_error": "这一项不算你的错：助教能看到这个错误，会去查看",

    # ------------------------------------------------------------------ mistakes any tensor result can show
    "mistake.transposed_result": "你的结果是期望结果的转置：行对应高（i，沿 X.shape[0]），列对应宽（j，沿 X.shape[1]）",
    "mistake.float32_precision": "你的 float64 结果只有 float32 的精度：计算过程中有一步是用 float32 做的"
                                 "（某个张量创建时没有指定 dtype=X.dtype，或者用了 .float()），最后才转换回来；"
                                 "每一步都要保持输入的 dtype",
    "mistake.all_zeros": "你的结果处处为零：结果中什么都没有写入，或者返回了错误的张量",
    "mistake.numpy_round_trip": "你的代码离开了 PyTorch（.numpy() / torch.from_numpy）：NumPy 只在 CPU 上计算，"
                                "结果就无法留在输入所在的设备上；请用 torch 的运算处理 X 和 K",
    "mistake.moves_to_cpu": "你的代码调用了 .cpu()，把数据移出了输入所在的设备；请在输入所在的设备上计算",
    "mistake.factory_without_device": "{where}处的 torch.{factory}(...) 会在 CPU 上创建张量：请传入 "
                                      "device=X.device（以及 dtype=X.dtype），或者改用 torch.{factory}_like / "
                                      "X.new_{factory}",
    "mistake.flipped_kernel": "你的结果等于用翻转后的卷积核（K.flip(0, 1)，也就是严格意义上的卷积）做互相关运算的结果："
                              "请按原样滑动 K，Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum()",
    "mistake.transposed_kernel": "你的结果等于用转置后的 K 做互相关运算的结果：每个窗口要与 K 本身相乘，"
                                 "K[a, b] 对应 X[i+a, j+b]",
    "mistake.assumes_contiguous": "你的结果是把 X 的内存当作连续存储（逐行排列）读出来的值，但这里的 X 是一个转置视图"
                                  "（X = A.t()）：按形状算出步长的 as_strided 或者 .view() 都假定了那种布局；"
                                  "请用 X.unfold 或 X.stride()，或者先调用 X.contiguous()",
    "mistake.range_one_short": "你的结果少了一行一列：高为 kh 的卷积核沿竖直方向可以放在 h - kh + 1 个位置上"
                               "（range(h - kh + 1)），水平方向同理",
    "mistake.range_one_long": "你的结果多了一行一列：高为 kh 的卷积核沿竖直方向可以放在 h - kh + 1 个位置上，"
                              "而不是 h - kh + 2 个",
    "mistake.kernel_axes_swapped": "你的结果的形状是形状为 (kw, kh) 的卷积核才会给出的：某处把卷积核的高和宽"
                                   "弄反了（一次转置，或者旋转了 90°）",
    "mistake.input_size_output": "你的结果与输入一样大：不加填充时，X 内只放得下 h - kh + 1 乘 w - kw + 1 个窗口",
    "mistake.factory_without_dtype": "{where}处的 torch.{factory}(...) 无论输入是什么 dtype 都会创建 float32 张量："
                                     "请传入 dtype=X.dtype（以及 device=X.device）",

    # ------------------------------------------------------------------ a question as a whole
    "question.not_attempted": "尚未作答（桩代码没有改动）",
    "question.syntax_error": "{name} 位于{cell}，该单元格有语法错误：{error}",
    "question.not_defined_when_run": "{name} 写在{cell}中，但运行笔记本时它没有被定义：{error}",

    # ------------------------------------------------------------------ cells, as JupyterLab shows them
    "cell.executed": "单元格 [{count}]",
    "cell.code": "第 {number} 个代码单元格",

    # ------------------------------------------------------------------ findings
    "location.line": "{place}的第 {line} 行",
    "location.line_code": "{place}的第 {line} 行：{code}",
    "finding.cases": "{test}（{total} 个用例中 {failed} 个）",
    "finding.heading": "{tests}：扣 {points} 分",

    # ------------------------------------------------------------------ question statuses
    "status.passed": "通过",
    "status.partial": "部分正确",
    "status.failed": "未通过",
    "status.not_attempted": "尚未作答",

    # ------------------------------------------------------------------ feedback (terminal and Markdown)
    "feedback.text_title": "{file} — 作业 {assignment}",
    "feedback.not_graded": "未评分：{reason}",
    "feedback.note": "注意：{note}",
    "feedback.total": "总分",
    "feedback.passing": "已通过：{tests}",
    "feedback.by_hand": "书面回答：由助教评分",
    "feedback.by_hand_placeholder": "书面回答：没有写（占位文字没有改动）",
    "feedback.by_hand_not_found": "书面回答：没有找到答题单元格（助教会查看你的笔记本）",
    "feedback.by_hand_no_notebook": "书面回答：无（.py 文件中没有答题单元格）",
    "feedback.title": "{student} 的反馈",
    "feedback.title_plain": "反馈",
    "feedback.title_on": "{title}：{file}",
    "feedback.missing": "没有找到你这次作业的提交。",
    "feedback.could_not_grade": "你提交的 **{assignment}** 无法评分：{reason}",
    "feedback.score": "作业 **{assignment}**：**{score}**（{percent}%）",
    "feedback.while_running": "运行你的提交时：",
    "feedback.column_question": "题目",
    "feedback.column_points": "得分",

    # ------------------------------------------------------------------ statuses and the grades CSV
    "status.graded": "已评分",
    "status.limits_hit": "{status}（达到限制：{limits}）",
    "status.not_attempted_list": "尚未作答：{questions}",
    "status.nothing_attempted": "一道题都没有作答（每道题都还是原来的代码框架）",
    "csv.by_hand_column": "{question}（人工评分，满分 {points}）",
    "csv.to_grade": "待评分",
    "csv.not_answered": "未作答",
    "csv.no_answer_cell": "请查看：没有答题单元格",

    # ------------------------------------------------------------------ notes about the whole run
    "note.cell_error": "{cell}出错：{error}",
    "note.cell_timeout": "{cell}超时被终止并跳过：{error}",
    "note.cell_crashed": "{cell}使进程退出，已跳过：{error}",
    "note.limits": "达到限制：{limits}",

    # ------------------------------------------------------------------ the TA's report (report.md, scores.png)
    "report.count.graded": "{count} 份已评分",
    "report.count.not_graded": "{count} 份无法评分",
    "report.count.missing": "{count} 份缺交",
    "report.count.students": "{count} 名学生：{parts}",
    "report.count.students_one": "{count} 名学生：{parts}",
    "report.headline": "{counts}；提交的平均分 {mean}%。",
    "report.figure_alt": "总分分布和每道题的平均分",
    "report.section.needs_look": "需要查看",
    "report.section.questions": "各题得分",
    "report.section.mistakes": "各题的错误",
    "report.section.not_graded": "未评分的文件",
    "report.section.missing": "缺交（在名单上但没有提交）",
    "report.section.not_on_roster": "不在名单上",
    "report.section.isolation": "隔离",
    "report.nothing_to_look_at": "没有：每份提交都在限制内完成评分，没有单元格出错，没有评分器错误，也没有待评的书面回答。",
    "report.mistakes_intro": "学生看到的反馈，按类归并：已知错误（评分器算出了这种错误的输出，且与学生的输出一致），"
                             "或者在没有匹配到已知错误时给出的规则。人数按学生计；扣分是每名学生的平均扣分。",
    "report.no_mistakes": "无。",
    "report.every_file_graded": "文件夹中的每个文件都已评分。",
    "report.nothing_graded": "没有评分",
    "report.column.question": "题目",
    "report.column.max": "满分",
    "report.column.mean": "平均",
    "report.column.full_marks": "满分人数",
    "report.column.partly": "部分正确",
    "report.column.zero": "0 分",
    "report.column.not_attempted": "尚未作答",
    "report.by_hand_row": "人工评分（见“需要查看”）",
    "report.and_more": "另外 {count} 名",
    "report.kind.mistake": "已知错误",
    "report.kind.rule": "提示",
    "report.mistake_line": "- **{label}**（{kind}）：{students}，平均每人扣 {lost} 分：{names}",
    "report.students": "{count} 名学生",
    "report.students_one": "1 名学生",
    "report.run.not_implemented": "{function} 仍是桩代码（抛出 NotImplementedError）",
    "report.run.not_defined": "运行笔记本时 {function} 没有定义（它所在的单元格出错）",
    "report.run.timeout": "有调用没有按时返回（{function}）",
    "report.run.skipped": "未运行：{function} 之前没有按时返回",
    "report.run.crash": "运行代码的进程退出了（{function}）",
    "report.run.memory": "超出内存限制（{function}）",
    "report.run.grader_error": "评分器错误（不是学生的错）",
    "report.run.not_attempted": "尚未作答",
    "report.failed_without_hint": "未通过（{kind}），没有提示",
    "report.look.grader_errors": "**评分器错误**，涉及 {count} 份提交：不计入学生的扣分；调用栈在 "
                                 "results/<student>.json 中（tests[].detail.traceback）",
    "report.look.grader_error": "{who}：{question} / {test}",
    "report.look.not_graded": "{who}：未评分：{status}",
    "report.look.cell_error": "{who}：{cell}出错：{error}",
    "report.look.syntax_error": "{who}：{cell}有语法错误：{error}",
    "report.look.cell_timeout": "{who}：{cell}超时被终止并跳过：{error}",
    "report.look.cell_crashed": "{who}：{cell}使进程退出，已跳过：{error}",
    "report.look.limits": "{who}：达到限制（{limits}）；保留已得的 {points} 分",
    "report.look.flags": "{who}：{flags}",
    "report.look.to_grade": "**待评分的书面回答**：{question}（人工评分 {points} 分）：{count} 份待评"
                            "（{names}）；{blank} 份留空；final_grades.csv 中“{question} (by hand, ...)”"
                            "一列用来填写分数",
    "report.look.no_answer_cell": "{who}：没有找到 {question} 的答题单元格：请打开笔记本查看",
    "report.no_isolation": "没有运行任何提交（无需隔离）。",
    "report.isolation_mode": "模式 **{mode}**：{protections}。",
    "report.isolation_weaker": "**较弱：** {weakness}",
    "report.plot.total_axis": "总分（占自动评分分数的百分比）",
    "report.plot.students_axis": "学生人数",
    "report.plot.total_title": "{count} 份已评分提交的总分（平均 {mean}%）",
    "report.plot.mean_axis": "平均得分（占该题分数的百分比）",
    "report.plot.mean_title": "每道题的平均得分",

    # ------------------------------------------------------------------ the plugins (nbgrader's test cells)
    "otter.header": "分数由 convkit 在单独的沙箱进程中计算。",
    "otter.weaker": "隔离比通常弱：{weaknesses}",
    "otter.could_not_grade": "你的提交无法评分：{error}\n每道题都记 0 分。",
    "nbgrader.cell_title": "{question}：{score}  {status}（由 convkit 根据提交的笔记本评分，包含隐藏测试）",
    "nbgrader.while_running": "运行笔记本时：",
    # ------------------------------------------------------------------ convkit grade 在终端打印的汇总
    "summary.student": "学生",
    "summary.file": "文件",
    "summary.points": "得分",
    "summary.not_graded": "未能评分（{count} 份）：",
    "summary.not_graded_none": "未能评分：无",
    "summary.missing": "缺交（{count} 人）：{students}",
    "summary.missing_none": "缺交：无",
    "summary.strangers": "不在名单上（{count} 人）：{students}",
    "summary.strangers_none": "不在名单上：无",
    "summary.more": "……另有 {count} 份：{reason}（report.md 中全部列出）",
    # ------------------------------------------------------------------ 连接文字（messages.joined）
    "join.list": "{a}，{b}",
    "join.clauses": "{a}；{b}",
    # ------------------------------------------------------------------ 提交触及的限制
    "limit.time": "运行时间",
    "limit.memory": "内存",
    "limit.crash": "进程崩溃",
    "limit.output": "输出量",
    "limit.submission_time": "整份提交的时间",
    "limit.question_time": "单道题的时间",
    # ------------------------------------------------------------------ 沙箱：保护评分的措施
    "isolation.protection.fresh_root": "全新的根目录，只含 Python 运行环境（只读）",
    "isolation.protection.private_scratch": "每个沙箱有自己的 /tmp、/var/tmp、/dev/shm 和工作目录",
    "isolation.protection.own_namespaces": "独立的 PID、网络、IPC 和 UTS 命名空间",
    "isolation.protection.locked_mounts": "挂载已锁定",
    "isolation.protection.no_capabilities": "没有任何 capability，no_new_privs，seccomp 过滤",
    "isolation.protection.own_uid_zygote": "zygote 和各个沙箱使用自己专属的 uid",
    "isolation.protection.landlock": "Landlock ABI {abi}",
    "isolation.protection.landlock_allow_list": "Landlock ABI {abi} 白名单（运行环境只读，工作目录独立）",
    "isolation.protection.no_new_privs": "no_new_privs，seccomp 过滤",
    "isolation.protection.own_uid": "每个沙箱使用自己的 uid",
    "isolation.protection.signal_scoping": "Landlock 限定信号范围",
    "isolation.protection.cgroup": "每个沙箱有 cgroup {version} 内存和进程数限制",
    "isolation.protection.one_process": "整个沙箱的内存限制：只有一个进程（不能 fork 或 exec），其线程共用同一个地址空间上限",
    "isolation.weakness.no_pid_namespace": "没有 PID 命名空间（改由 Landlock 隐藏 /proc 并限定信号范围）",
    "isolation.weakness.read_search": "保留了 CAP_DAC_READ_SEARCH（Python 运行环境位于只有 root 能读的目录中）；由 Landlock 和 seccomp 加以约束",
    "isolation.weakness.none": "没有隔离（{problems}）：提交的代码可以读取答案并伪造自己的结果",
    "isolation.weakness.no_cgroup": "没有控制组（{reason}）：限制靠 rlimit 实现，提交的代码不能启动新进程",
}
