"""简体中文：conv_layer 各题评分器的提示和已知错误（键 ``conv_layer.*``），与 ``en.py`` 一一对应。

键、占位符与英文版相同；张量描述、数字和代码原样保留。术语依照《动手学深度学习》中文版
（二维互相关运算、卷积核、填充、步幅、感受野、转置卷积、特征图）。
"""

MESSAGES = {
    # ------------------------------------------------------------------ shared
    "conv_layer.hint.valid_shape": "输出的高应为 {h} - {kh} + 1 = {oh}，宽应为 {w} - {kw} + 1 = {ow}",
    "conv_layer.hint.integers": "整数输入必须得到精确的值（结果的 dtype 不限）；{rule}",
    "conv_layer.call.transposed": "{call}（X = A.t()，内存不连续）",

    # ------------------------------------------------------------------ corr2d
    "conv_layer.corr2d.rule": "Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum()：在每个位置取一个与 K 形状相同的窗口"
                              "（kh 行、kw 列），与原样的 K（不翻转）逐元素相乘后求和",
    "conv_layer.corr2d.call_d2l": "在 d2l 的 3×3 示例上调用 corr2d(X, K)",

    # ------------------------------------------------------------------ Conv2D (and the modules other questions train)
    "conv_layer.hint.module_device": "把 weight 和 bias 保持为 nn.Parameter（这样 .to() 和 .double() 才会转换它们），"
                                     "并让 corr2d 在 X 所在的设备上、以 X 的 dtype 创建结果，例如 "
                                     "torch.zeros(shape, device=X.device, dtype=X.dtype)；或者直接由 X 和 K 的运算得到结果",
    "conv_layer.expected.output_after": "{conversion} 之后，输出与输入的设备和 dtype 相同",
    "conv_layer.expected.placed": "self.{name} 与输入一样位于 {device} 上、dtype 为 {dtype}",
    "conv_layer.expected.placed_after": "{conversion} 之后，self.{name} 与输入一样位于 {device} 上、dtype 为 {dtype}",
    "conv_layer.got.placed": "self.{name} 位于 {device} 上、dtype 为 {dtype}",
    "conv_layer.mistake.plain_tensor_not_converted": "{names}：是普通的张量属性，所以 {conversion} 没有转换它："
                                                     ".to() 和 .double() 只转换已注册的参数；请把它定义为 nn.Parameter",
    "conv_layer.mistake.parameter_dtype": "{names}：以 {dtype} 创建，而不是输入所用的默认 dtype（float32）："
                                          "创建参数时不要写 dtype=...，例如 nn.Parameter(torch.rand(kernel_size)) 和 "
                                          "nn.Parameter(torch.zeros(1))；需要时 net.double() 会把它们变成 float64",
    "conv_layer.mistake.parameter_device": "{names}：创建在 {device} 上，而不是输入所在的设备上：请在默认设备上创建"
                                           "参数，由 net.to(device) 来移动它们",
    "conv_layer.expected.attribute": "张量属性 self.{name}",
    "conv_layer.got.no_attribute": "模块上没有名为 {name} 的张量",
    "conv_layer.got.module_without": "一个没有张量属性 {name} 的 {type}",
    "conv_layer.hint.create_weight": "在 __init__ 中创建它：self.weight = nn.Parameter(torch.rand(kernel_size))",
    "conv_layer.expected.weight_shape": "形状为 {shape}（即 kernel_size）的 self.weight",
    "conv_layer.hint.weight_shape": "kernel_size 是 (高, 宽)；用 torch.rand(kernel_size) 创建权重",
    "conv_layer.mistake.weight_transposed": "你的权重形状是 kernel_size 倒过来的：kernel_size 是 (高, 宽)，"
                                            "torch.rand(kernel_size) 的形状正好就是它",
    "conv_layer.hint.create_bias": "在 __init__ 中创建它：self.bias = nn.Parameter(torch.zeros(1))，并在 forward "
                                   "中加上它",
    "conv_layer.mistake.no_bias": "你的模块没有偏置：d2l 的 Conv2D 有 self.bias = nn.Parameter(torch.zeros(1))，"
                                  "在 forward 中加到每个输出上",
    "conv_layer.expected.one_bias": "只有一个元素的 self.bias",
    "conv_layer.hint.one_bias": "所有输出像素共用一个偏置：nn.Parameter(torch.zeros(1))",
    "conv_layer.hint.return_conv2d_itself": "返回训练好的 Conv2D 本身（它的参数名为 weight 和 bias）",
    "conv_layer.expected.trained_module": "训练好的 Conv2D 模块",
    "conv_layer.hint.return_module": "返回训练好的 Conv2D 模块",
    "conv_layer.mistake.returned_weight": "你返回的是一个张量（权重？），而不是模块：请 return net；"
                                          "调用方会读取 net.weight 和 net.bias",
    "conv_layer.expected.conv2d_instance": "你的 Conv2D 类的一个实例",
    "conv_layer.hint.fresh_conv2d": "训练一个新的 Conv2D(kernel_size)（即上一题你写的类）并返回它",
}

MESSAGES.update({
    "conv_layer.Conv2D.call": "net = Conv2D({kernel_size}){step}；weight 和 bias 由评分器设定；net(x)，其中 "
                              "x: {x}{then}",
    "conv_layer.Conv2D.then_backward": "；然后 (net(x) * g).sum().backward()，读取 net.{name}.grad",
    "conv_layer.Conv2D.rule": "forward(x) 就是 corr2d(x, self.weight) + self.bias：卷积核原样使用（不翻转），"
                              "同一个偏置加到每个输出上",
    "conv_layer.Conv2D.mistake.bias_not_added": "你的输出等于不加偏置的 corr2d(x, weight)：请在 forward 中加上 "
                                                "self.bias",
    "conv_layer.Conv2D.mistake.bias_added_to_input": "你的输出等于 corr2d(x + bias, weight)：偏置加在了输入上，"
                                                     "于是被算了 kh*kw 次；应当加在输出上，"
                                                     "corr2d(x, self.weight) + self.bias",
    "conv_layer.Conv2D.expected.module": "一个 nn.Module",
    "conv_layer.Conv2D.got.not_module": "一个不是 nn.Module 的对象",
    "conv_layer.Conv2D.hint.subclass_module": "声明 class Conv2D(nn.Module)，并先调用 super().__init__()",
    "conv_layer.Conv2D.expected.parameter": "名为 {name} 的参数",
    "conv_layer.Conv2D.got.plain_attribute": "self.{name} 是普通的 {kind}，不是已注册的参数",
    "conv_layer.Conv2D.got.parameters": "参数 {names}",
    "conv_layer.Conv2D.hint.wrap_parameter": "把它包装起来：self.{name} = nn.Parameter(...)",
    "conv_layer.Conv2D.hint.create_parameter": "在 __init__ 中创建 self.{name} = nn.Parameter(...)",
    "conv_layer.Conv2D.mistake.not_registered": "self.{name} 是普通的 {kind}，不是 nn.Parameter："
                                                "net.parameters()、.to(device)、.double() 和优化器都看不到它；"
                                                "请把它包装起来：self.{name} = nn.Parameter(...)",
    "conv_layer.Conv2D.expected.gradient": "net.{name}.grad 中有梯度",
    "conv_layer.Conv2D.hint.gradient_none": "forward 必须直接用 self.{name} 本身计算（不要用 .data、.detach() "
                                            "或副本），并且 self.{name} 必须是 nn.Parameter",
    "conv_layer.Conv2D.mistake.graph_cut": "self.{name} 是参数，却没有得到梯度：forward 用的是它分离出来的副本"
                                           "（.data、.detach() 或新建的张量），自动微分无法追踪；请直接使用 "
                                           "self.{name}",
    "conv_layer.Conv2D.hint.weight_gradient": "dL/dweight[a, b] = 对所有输出求和 g[i, j] * x[i+a, j+b]；"
                                              "梯度不对，说明 forward 计算的不是 corr2d(x, weight) + bias",
    "conv_layer.Conv2D.hint.bias_gradient_shape": "偏置的梯度与偏置形状相同",
    "conv_layer.Conv2D.hint.bias_gradient": "偏置在每个输出上各加一次，所以 dL/dbias = g.sum()",
})

MESSAGES.update({
    "conv_layer.learn_kernel.rule": "每一步：先把梯度清零（否则梯度会累加），计算平方误差之和 "
                                    "((net(X) - Y) ** 2).sum()，调用 backward()，然后在 torch.no_grad() 下用 "
                                    "p -= lr * p.grad 更新每个参数（权重和偏置）",
    "conv_layer.learn_kernel.call.step": "{call}，与 steps={k} 的同一调用比较（种子相同，所以起点相同）：{name}的最后一步",
    "conv_layer.learn_kernel.part.weight": "权重",
    "conv_layer.learn_kernel.part.bias": "偏置",
    "conv_layer.learn_kernel.call.d2l": "在 d2l 的 6×8 图像（全 1，第 2 到 5 列为 0）和 "
                                        "Y = corr2d(X, [[1, -1]]) 上调用 {call}",
    "conv_layer.learn_kernel.call.hidden": "{call}，其中 Y = corr2d(X, K) + b，卷积核 K 和偏置 b 不公开",
    "conv_layer.learn_kernel.expected.shapes": "一个 Conv2D，权重形状为 {shape}，偏置只有一个元素",
    "conv_layer.learn_kernel.got.shapes": "权重形状为 {weight}，偏置形状为 {bias}",
    "conv_layer.learn_kernel.expected.weight_shape": "一个权重形状为 {shape} 的 Conv2D",
    "conv_layer.learn_kernel.hint.fresh_module": "训练一个新的 Conv2D(kernel_size) 并返回它",
    "conv_layer.learn_kernel.expected.one_update": "更新一次之后的模块",
    "conv_layer.learn_kernel.got.no_update": "未经训练的模块（一次更新都没有做）",
    "conv_layer.learn_kernel.got.two_updates": "更新两次之后的模块",
    "conv_layer.learn_kernel.hint.steps_updates": "steps=n 恰好做 n 次更新，每次是一步梯度下降 p -= lr * p.grad",
    "conv_layer.learn_kernel.mistake.zero_grad_after_backward": "你的循环在 backward() 之后、更新之前把梯度清零了"
                                                                "（在 loss.backward() 和 optimizer.step() 之间调用 "
                                                                "zero_grad()），于是每次更新用的梯度都是零，什么也学不到："
                                                                "应在每一步开始、backward() 之前清零",
    "conv_layer.learn_kernel.mistake.range_from_one": "你的循环是 range(1, steps)：只做 steps - 1 次更新，"
                                                      "steps=1 时一次都不做；请用 range(steps)",
    "conv_layer.learn_kernel.mistake.one_step_too_many": "steps=1 做了两次更新：循环多跑了一次"
                                                         "（是 range(steps + 1) 吗？）；请用 range(steps)",
    "conv_layer.learn_kernel.mistake.module_reused": "两次调用返回的是同一个模块对象，所以第二次调用是在接着训练"
                                                     "第一个模块：每次调用都要在 learn_kernel 内新建一个 "
                                                     "Conv2D(kernel_size)",
    "conv_layer.learn_kernel.mistake.no_change": "从 steps=k 到 steps=k+1，参数没有变化：最后一步没有做更新",
    "conv_layer.learn_kernel.mistake.gradient_ascent": "这一步在往上坡走（梯度上升）：更新应为 p -= lr * p.grad，"
                                                       "而不是 +=",
    "conv_layer.learn_kernel.mistake.mean_loss": "这一步的步长只有期望值的 1/{outputs}：损失应是平方误差之和 "
                                                 "((net(X) - Y) ** 2).sum()，而不是平均值",
    "conv_layer.learn_kernel.mistake.scaled_step": "这一步的步长是期望值的 {scale} 倍：请用参数 lr 更新，"
                                                   "p -= lr * p.grad，损失用平方误差之和",
    "conv_layer.learn_kernel.mistake.bias_not_updated": "权重更新了，偏置却没有：net.bias 也要更新"
                                                        "（两者都用 p -= lr * p.grad）",
    "conv_layer.learn_kernel.mistake.gradients_accumulate": "最后一步用的是这一步与上一步梯度之和：梯度会在 p.grad "
                                                            "中累加，所以每一步都要清零（net.zero_grad() 或 "
                                                            "p.grad.zero_()）",
    "conv_layer.learn_kernel.hint.diverged": "训练发散了（权重越来越大）：在这个 lr 和步数下，对平方误差之和做正确的"
                                             "梯度下降，从任何起点都会收敛",
    "conv_layer.learn_kernel.hint.not_converged": "训练没有收敛到目标；在这个 lr 和步数下，正确的梯度下降从任何起点"
                                                  "都会收敛：{rule}",
    "conv_layer.learn_kernel.mistake.never_updated": "steps=k 之后的模块与未训练时一样：没有任何一次更新改变 net 的参数"
                                                     "（要原地更新：在 torch.no_grad() 下写 p -= lr * p.grad，"
                                                     "而不是 p = p - ...）",
    "conv_layer.learn_kernel.mistake.ignores_steps": "steps=k 和 steps=k+1 返回的训练结果相同：更新次数没有跟随 "
                                                     "steps 参数；请用 for _ in range(steps) 循环",
    "conv_layer.learn_kernel.expected.d2l_weight": "net.weight 与 [[1, -1]] 相差不超过 {tolerance}",
    "conv_layer.learn_kernel.got.d2l_weight": "{weight}（相差 {error}）",
    "conv_layer.learn_kernel.expected.hidden_weight": "net.weight 与 K 相差不超过 {tolerance}",
    "conv_layer.learn_kernel.got.hidden_weight": "权重最多相差 {error}",
})

MESSAGES.update({
    "conv_layer.convolve2d.rule": "卷积要先在两个方向上翻转卷积核：Y[i, j] = 对 a, b 求和 "
                                  "X[i+a, j+b] * K[kh-1-a, kw-1-b]，也就是 corr2d(X, K.flip(0, 1))",
    "conv_layer.convolve2d.mistake.not_flipped": "你的结果是用原样的 K 做的互相关运算（corr2d）：卷积要先在两个方向上"
                                                 "翻转卷积核，corr2d(X, K.flip(0, 1))",
    "conv_layer.convolve2d.mistake.rows_only": "只翻转了 K 的行（flip(0)）；列也要翻转：K.flip(0, 1)",
    "conv_layer.convolve2d.mistake.columns_only": "只翻转了 K 的列（flip(1)）；行也要翻转：K.flip(0, 1)",
    "conv_layer.convolve2d.mistake.transposed": "K 被转置了，转置不是翻转：请用 K.flip(0, 1)（即旋转 180°，"
                                                "torch.rot90(K, 2)）",
    "conv_layer.convolve2d.mistake.quarter_turn": "K 被旋转了 90° 而不是 180°：翻转是 torch.rot90(K, 2)，"
                                                  "或者 K.flip(0, 1)",
})

MESSAGES.update({
    "conv_layer.corr2d_matmul.rule": "结果就是 corr2d(X, K)：把 X 的各个窗口展平，作为一个 (oh*ow, kh*kw) 矩阵的各行"
                                     "（X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh*ow, -1)，或者 F.unfold），"
                                     "再乘以 K.reshape(-1)",
    "conv_layer.corr2d_matmul.transpose_rule": "用一次矩阵乘向量来计算：(C.T @ Y.reshape(-1)).reshape(input_shape)，"
                                               "其中 C = kernel_matrix(K, input_shape)：转置卷积就是乘以 C.T",
    "conv_layer.corr2d_matmul.matrix_rule": "C 的第 i*ow + j 行在 (i, j) 处窗口展平后的位置上放 K："
                                            "C[i*ow + j, (i+a)*w + (j+b)] = K[a, b]，其余为 0",
    "conv_layer.corr2d_matmul.call_d2l": "在 d2l 的 3×3 示例上用 int64 张量调用 corr2d_matmul(X, K)",
    "conv_layer.corr2d_matmul.hint.integers": "整数输入必须得到精确的值（结果的 dtype 不限）；F.unfold 和 CUDA 上的"
                                              "矩阵乘法不接受整数张量：请用 float64 计算（对这样的整数是精确的）再取整转回",
    "conv_layer.corr2d_matmul.call_code": "{name} 的代码",
    "conv_layer.corr2d_matmul.call_product": "C @ X.reshape(-1)，其中 C = {call}，X 是一个随机的 {h}×{w} 张量",
    "conv_layer.corr2d_matmul.expected.no_convolution": "不调用卷积函数（这道题的要点是把它写成矩阵乘法）",
    "conv_layer.corr2d_matmul.got.calls": "它调用了 {names}",
    "conv_layer.corr2d_matmul.expected.a_matmul": "一次矩阵乘法（@、torch.mm、torch.mv、torch.matmul、einsum……）",
    "conv_layer.corr2d_matmul.got.no_matmul": "它以及它调用的函数中都没有矩阵乘法",
    "conv_layer.corr2d_matmul.mistake.library_convolution": "{name} 调用了 {names}：结果是由库里的卷积算出来的，"
                                                            "而不是矩阵乘法",
    "conv_layer.corr2d_matmul.mistake.no_matmul": "{name} 没有用任何矩阵乘法就得到了结果（它以及它调用的函数中都没有 "
                                                  "@、mm、mv、matmul 或 einsum）",
    "conv_layer.corr2d_matmul.hint.matrix_shape": "每个输出元素一行（{oh} * {ow} = {rows}），每个输入像素一列"
                                                  "（{h} * {w} = {columns}）",
    "conv_layer.corr2d_matmul.mistake.matrix_transposed": "你的 C 转置了：它每个输入像素一行；C 应当每个输出元素一行、"
                                                          "每个输入像素一列，即 (oh*ow, h*w)",
    "conv_layer.corr2d_matmul.mistake.matrix_flipped": "你的 C 的各行放的是翻转后的卷积核：互相关运算放的是 K 本身，"
                                                       "C[i*ow + j, (i+a)*w + (j+b)] = K[a, b]",
    "conv_layer.corr2d_matmul.mistake.rows_column_major": "你的行是按列优先的顺序排的（输出 (i, j) 在第 j*oh + i 行）："
                                                          "输出 (i, j) 应在第 i*ow + j 行，与 Y.reshape(-1) 的顺序一致",
    "conv_layer.corr2d_matmul.mistake.rows_times_oh": "你的行编号是 i*oh + j：输出 (i, j) 应在第 i*ow + j 行"
                                                      "（输出的一行有 ow 个元素），输出不是正方形时两者不同",
    "conv_layer.corr2d_matmul.mistake.columns_output_width": "你的列编号是 (i+a)*ow + (j+b)：输入像素 (r, c) 应在第 "
                                                             "r*w + c 列，用的是输入的宽 w",
    "conv_layer.corr2d_matmul.hint.transpose_shape": "结果与输入形状相同：{shape}",
    "conv_layer.corr2d_matmul.mistake.transpose_flipped": "你的结果等于用翻转后的卷积核做的转置卷积：C.T @ y 是把 "
                                                          "y[i, j] * K 本身（不翻转）加到 (i, j) 处的窗口上",
})

MESSAGES.update({
    "conv_layer.corr2d_matmul.mistake.transpose_uses_wrong_C": "你的 transpose_corr2d 用你自己的 kernel_matrix 计算 "
                                                               "C.T @ y，而那个 C 是错的（见 kernel_matrix 的反馈）："
                                                               "请先修正 kernel_matrix",
})

# ---------------------------------------------------------------------- hand-designed kernels (shared)
MESSAGES.update({
    "conv_layer.kernels.hint.return_kernel": "以二维 torch.Tensor 返回卷积核，例如 torch.tensor([[1.0, -1.0]])",
    "conv_layer.kernels.expected.two_d": "形状为 (kh, kw) 的二维卷积核",
    "conv_layer.kernels.hint.two_d": "corr2d 需要二维卷积核；单独一行要用双层方括号写成 torch.tensor([[...]])，"
                                     "形状为 (1, k)",
    "conv_layer.kernels.mistake.one_d": "你的卷积核是一维的（单层方括号）：双层方括号的 torch.tensor([[...]]) "
                                        "才是一行，形状为 (1, k)",
    "conv_layer.kernels.hint.from_numbers": "用数值构造卷积核",
    "conv_layer.kernels.expected.real": "实数值的卷积核",
    "conv_layer.kernels.hint.real": "请使用实数",
    "conv_layer.kernels.expected.small": "一个不为空的小卷积核（最大 {side} × {side}）",
    "conv_layer.kernels.hint.small": "这些卷积核只需要几个元素",
    "conv_layer.kernels.expected.finite": "有限的值",
    "conv_layer.kernels.got.not_finite": "卷积核中有 NaN 或 inf",
    "conv_layer.kernels.hint.finite": "检查有没有除以零",
    "conv_layer.kernels.applied": "K = {call}（形状 {shape}）；在{image}上计算 Y = corr2d(X, K)",
    "conv_layer.kernels.expected.silent": "Y 处处为 0",
    "conv_layer.kernels.got.mismatch": "{total} 个值中有 {count} 个不对（最大误差 {error}，位于 Y{where}）；{looks}",
    "conv_layer.kernels.got.zero": "你的响应处处为零",
    "conv_layer.kernels.got.multiple": "你的响应是期望值的 {ratio} 倍",
    "conv_layer.kernels.got.constant": "你的响应处处是常数 {value}",
    "conv_layer.kernels.got.changes": "你的响应在图像上各处不同",
    "conv_layer.kernels.image.constant": "常数图像 X = {value}（{shape}）",
})

MESSAGES.update({
    "conv_layer.diagonal_edge_kernel.hint.sum_zero": "平坦区域没有边缘：K 的元素之和必须为零",
    "conv_layer.diagonal_edge_kernel.hint.rows_cancel": "水平和竖直的直边必须完全抵消：在只沿高度方向变化的图像上，"
                                                        "K 的每一行碰到的都是同一个像素值，所以 K 的每一行之和都必须为零",
    "conv_layer.diagonal_edge_kernel.hint.columns_cancel": "水平和竖直的直边必须完全抵消：在只沿宽度方向变化的图像上，"
                                                           "K 的每一列碰到的都是同一个像素值，所以 K 的每一列之和都必须为零",
    "conv_layer.diagonal_edge_kernel.profile.step": "阶跃",
    "conv_layer.diagonal_edge_kernel.profile.stripe": "条纹",
    "conv_layer.diagonal_edge_kernel.profile.random": "随机",
    "conv_layer.diagonal_edge_kernel.profile.ramp": "斜坡",
    "conv_layer.diagonal_edge_kernel.image.horizontal": "一幅由水平边缘组成的图像，X[i, j] = g(i)，g 是沿高度方向的"
                                                        "{kind}剖面（{shape}）",
    "conv_layer.diagonal_edge_kernel.image.vertical": "一幅由竖直边缘组成的图像，X[i, j] = h(j)，h 是沿宽度方向的"
                                                      "{kind}剖面（{shape}）",
    "conv_layer.diagonal_edge_kernel.image.diagonal": "两幅由对角边缘组成的图像，X[i, j] = g(j - i) 和 "
                                                      "X[i, j] = g(i + j)，g 是{kind}剖面（{shape}）",
    "conv_layer.diagonal_edge_kernel.expected.responds": "沿对角边缘有非零响应（两个对角方向中至少一个）",
    "conv_layer.diagonal_edge_kernel.got.silent": "两幅图像上 Y 都处处为 0",
    "conv_layer.diagonal_edge_kernel.hint.responds": "K 在对角台阶上不能相互抵消：把沿宽度方向的差分和沿高度方向的"
                                                     "差分组合起来，使它们在直边上各自抵消对方看到的部分",
})

MESSAGES.update({
    "conv_layer.directional_edge_kernel.axes": "v1 沿高度方向（第 0 维，行），v2 沿宽度方向（第 1 维，列）",
    "conv_layer.directional_edge_kernel.image.along_v": "斜坡图像 X[i, j] = a*i + b*j，(a, b) = v，即沿 v 方向的斜坡"
                                                        "（{shape}）",
    "conv_layer.directional_edge_kernel.image.across_v": "斜坡图像 X[i, j] = a*i + b*j，(a, b) = (-v2, v1)，与 v 正交"
                                                         "（a*v1 + b*v2 = 0）（{shape}）",
    "conv_layer.directional_edge_kernel.image.random": "斜坡图像 X[i, j] = a*i + b*j，a、b 随机（{shape}）",
    "conv_layer.directional_edge_kernel.expected.constant_response": "一个非零的常数响应 c * (v1**2 + v2**2)",
    "conv_layer.directional_edge_kernel.hint.constant_response": "在线性斜坡上，每个窗口看到的差分都相同；K 的元素之和"
                                                                 "也必须为零，否则斜坡本身的高低会混进响应里",
    "conv_layer.directional_edge_kernel.hint.respond_along_v": "K 必须对沿 v 方向上升的斜坡有响应；{axes}",
    "conv_layer.directional_edge_kernel.hint.silent_across": "这幅图像的边缘沿 v 方向延伸，所以检测与 v 正交的边缘的"
                                                             "卷积核不应看到它们；{axes}",
    "conv_layer.directional_edge_kernel.expected.one_scale": "常数 c * (a*v1 + b*v2)，其中 c 与沿 v 方向的斜坡给出的相同",
    "conv_layer.directional_edge_kernel.hint.one_scale": "K 中的两个差分必须同号、同尺度，这样同一个 c 才适用于所有"
                                                         "斜坡；{axes}",
    "conv_layer.directional_edge_kernel.mistake.axes_swapped": "对这个 v，你的卷积核在 (v2, v1) 的正交方向上没有响应，"
                                                               "而不是在 (v1, v2) 的正交方向上：看起来是把高和宽两个分量"
                                                               "弄反了；v1 对应行（第 0 维），v2 对应列（第 1 维）",
    "conv_layer.second_derivative_kernel.mistake.column": "你的卷积核是沿高度方向（第 0 维）的；宽是第 1 维，"
                                                          "所以一行的卷积核形状是 (1, k)",
    "conv_layer.second_derivative_kernel.mistake.too_few_taps": "两个采样点只能得到一阶导数；二阶导数需要三个",
    "conv_layer.second_derivative_kernel.hint.shape": "一行中的三个采样点足以得到沿宽度方向的二阶导数（更少则不行）："
                                                      "形状 (1, 3)",
    "conv_layer.second_derivative_kernel.image": "二次图像 X[i, j] = a*x**2 + b*x + c，其中 x = j，{coefficients}"
                                                 "（{shape}）",
    "conv_layer.second_derivative_kernel.image_plus_rows": "二次图像 X[i, j] = a*x**2 + b*x + c，其中 x = j，"
                                                           "{coefficients}，再加上沿高度方向的随机 g(i)（{shape}）",
    "conv_layer.second_derivative_kernel.expected": "处处为 {value}（沿宽度方向的二阶导数）",
    "conv_layer.second_derivative_kernel.hint.exact": "K 必须抵消沿宽度方向的常数和斜率（各元素之和为零，各元素乘以"
                                                      "其列偏移后的和也为零），并且把 x**2 恰好变成 2",
    "conv_layer.second_derivative_kernel.mistake.negated": "你的卷积核作用在 x**2 上得到 -2：它是二阶差分的相反数；"
                                                           "[[1, -2, 1]] 得到 +2",
    "conv_layer.second_derivative_kernel.mistake.halved": "你的卷积核作用在 x**2 上得到 1 而不是 2：它是二阶差分的一半；"
                                                          "[[1, -2, 1]] 恰好得到 2",
    "conv_layer.laplacian_kernel.image": "图像 X[i, j] = {formula}（{shape}）",
    "conv_layer.laplacian_kernel.image_random": "图像 X[i, j] = {formula}，系数随机（{shape}）",
    "conv_layer.laplacian_kernel.hint.shape": "拉普拉斯算子需要像素本身以及它在两个方向上两侧的邻居：3 × 3",
    "conv_layer.laplacian_kernel.expected": "处处 f_xx + f_yy = {value}",
    "conv_layer.laplacian_kernel.hint.exact": "拉普拉斯算子是沿宽度方向的二阶差分加上沿高度方向的二阶差分；注意符号和"
                                              "尺度（x**2 的每个二阶差分都是 2），混合项 i*j 必须抵消",
    "conv_layer.laplacian_kernel.hint.linear": "线性图像没有曲率：K 的元素之和必须为零，并且左右、上下对称平衡",
    "conv_layer.laplacian_kernel.mistake.negated": "你的卷积核是拉普拉斯算子的相反数（i**2 + j**2 得到 -4 而不是 4）："
                                                   "应当中心为 -4，四个邻居为 +1",
    "conv_layer.blur_kernel.hint.shape": "blur_kernel(size) 是正方形卷积核：size × size",
    "conv_layer.blur_kernel.expected.non_negative": "每个元素都 >= 0",
    "conv_layer.blur_kernel.got.negative": "有 {count} 个负元素（最小的是 {smallest}）",
    "conv_layer.blur_kernel.hint.non_negative": "模糊是用非负权重对邻居求平均；负的元素起的是锐化作用",
    "conv_layer.blur_kernel.expected.sum_one": "1（各元素是一个加权平均的权重）",
    "conv_layer.blur_kernel.hint.sum_one": "把各元素除以它们的和（size × size 的均值滤波器每个元素都是 1 / size**2）",
    "conv_layer.blur_kernel.expected.symmetric_0": "上下翻转（K.flip(0)）后不变的卷积核",
    "conv_layer.blur_kernel.expected.symmetric_1": "左右翻转（K.flip(1)）后不变的卷积核",
    "conv_layer.blur_kernel.got.taps_change": "{total} 个元素中有 {count} 个改变了",
    "conv_layer.blur_kernel.hint.centred": "让权重居中：对高斯核，从 (size - 1) / 2 开始量距离，size 为偶数时这个中心"
                                           "落在两个像素之间",
    "conv_layer.blur_kernel.call.constant": "K = {call}；在常数图像 X（{shape}）上计算 Y = corr2d(X, K)",
    "conv_layer.blur_kernel.expected.keeps_constant": "Y 处处等于图像的常数值",
    "conv_layer.blur_kernel.got.constant_changed": "{total} 个值中有 {count} 个不同（Y[0, 0] 是该常数的 {ratio} 倍）",
    "conv_layer.blur_kernel.hint.keeps_constant": "模糊不能让平坦的图像变亮或变暗：各元素之和必须为 1",
    "conv_layer.blur_kernel.call.noise": "K = {call}；在白噪声 X 上计算 Y = corr2d(X, K)",
    "conv_layer.blur_kernel.expected.less_noise": "Y.var() 明显小于 X.var()（模糊会把噪声平均掉）",
    "conv_layer.blur_kernel.hint.spread": "把权重分散到多个元素上（K 的全部权重集中在一个元素上只会平移图像）",
    "conv_layer.derivative_kernel.hint.shape": "沿宽度方向的 d 阶导数需要一行中的 d + 1 个采样点：形状 (1, {taps})",
    "conv_layer.derivative_kernel.hint.min_size": "d 次多项式有 d + 1 个系数；少于 d + 1 个采样点无法把 x**d 与更低次的"
                                                  "幂区分开",
    "conv_layer.derivative_kernel.mistake.size_d": "你的答案是 d：d 阶差分需要 d + 1 个采样点（一阶差分就已经需要 2 个）",
    "conv_layer.derivative_kernel.image.power": "图像 X[i, j] = x**{d}，其中 x = j（{shape}）",
    "conv_layer.derivative_kernel.expected.factorial": "处处为 {d}! = {value}",
    "conv_layer.derivative_kernel.hint.taps": "各元素就是 d 阶差分：符号交替的二项式系数 C(d, k)，最后一个元素为正"
                                              "（corr2d 不翻转 K：[[-1, 1]] 是 +d/dx）",
    "conv_layer.derivative_kernel.image.polynomial": "图像 X[i, j] = p(x)，p 是一个随机的 {degree} 次多项式，"
                                                     "x = j - {offset}（{shape}）",
    "conv_layer.derivative_kernel.expected.leading": "处处为 {d}! 乘以 x**{d} 的系数",
    "conv_layer.derivative_kernel.expected.zero": "处处为 0（{degree} 次多项式的 {d} 阶导数为零）",
    "conv_layer.derivative_kernel.hint.exact": "d 阶差分会抵消所有低于 d 次的幂，并把 x**d 变成 d!；检查符号，"
                                               "也不要除以任何数",
    "conv_layer.derivative_kernel.mistake.sign": "你的卷积核是符号相反的 d 阶差分：最后一个元素应为正"
                                                 "（corr2d 不翻转 K：[[-1, 1]] 是 +d/dx）",
    "conv_layer.derivative_kernel.mistake.divided": "你的卷积核作用在 x**d 上得到 1 而不是 d!：它被除以了 d!；"
                                                    "x**d 的 d 阶差分就是 d!",
})

MESSAGES.update({
    "conv_layer.diagonal.explain.K": "[[1, -1]] 计算的是 X[i, j] - X[i, j + 1]：只要某一行从一列到下一列发生变化，"
                                     "它就有响应，而 eye(8) 的每一行在它的 1 两侧都有变化（对角边缘在每一行里也是一个"
                                     "竖直方向的台阶）；输出有 8 行、8 - 2 + 1 = 7 列",
    "conv_layer.diagonal.explain.transpose_X": "eye(8) 是对称的（X.T 等于 X），所以转置 X 什么也不改变："
                                               "这个答案与第一个相同，8 × 7",
    "conv_layer.diagonal.explain.transpose_K": "K.T 的形状是 (2, 1)，计算的是 X[i, j] - X[i + 1, j]，即沿高度方向的"
                                               "差分：它检测的是水平边缘而不是竖直边缘；输出有 8 - 2 + 1 = 7 行、8 列",
    "conv_layer.diagonal.hint.return_image": "以二维 torch.Tensor 返回图像",
    "conv_layer.diagonal.expected.image": "一幅实数值的二维图像，形状 ({n}, {n})",
    "conv_layer.diagonal.hint.image": "用数值构造一幅 n × n 的图像（至少 2 × 2，否则不可能有边缘）",
    "conv_layer.diagonal.hint.shape": "diagonal_image(n) 返回一幅 n × n 的图像：这里形状应为 ({n}, {n})",
    "conv_layer.diagonal.mistake.ignores_n": "无论 n 是多少，你的图像大小都一样：请由 n 构造它（例如 torch.eye(n)）",
    "conv_layer.diagonal.expected.depends_on_j_minus_i": "处处 X[i, j] == X[i + 1, j + 1]（值只取决于 j - i）",
    "conv_layer.diagonal.got.pairs_differ": "这样的 {total} 对中有 {count} 对不相等，例如 {example}",
    "conv_layer.diagonal.hint.j_minus_i": "与主对角线平行的每条线上都必须是同一个值：X[i, j] = g(j - i)，g 不是常数"
                                          "（d2l 练习里的图像就是一个例子）",
    "conv_layer.diagonal.mistake.anti_diagonal": "你的图像沿另一个方向的对角线是常数（值取决于 i + j）；"
                                                 "这里的值必须只取决于 j - i",
    "conv_layer.diagonal.expected.not_constant": "不是常数的图像",
    "conv_layer.diagonal.got.constant": "每个像素的值都相同",
    "conv_layer.diagonal.hint.not_constant": "常数图像根本没有边缘；它至少需要两个不同的值，并按 j - i 排列",
    "conv_layer.diagonal.expected.dict": "一个以 {keys} 为键的字典",
    "conv_layer.diagonal.hint.dict": "返回 {{\"K\": ..., \"transpose_X\": ..., \"transpose_K\": ...}}，每个值都是用 "
                                     "corr2d 计算出的张量",
    "conv_layer.diagonal.got.keys": "一个以 {keys} 为键的字典",
    "conv_layer.diagonal.hint.keys": "键的拼写要与题目给出的完全一致",
    "conv_layer.diagonal.call_answer": "{call}，应当是 {what}",
    "conv_layer.diagonal.mistake.other_answer": "你的答案等于 \"{other}\" 的答案，即 {what}",
    "conv_layer.diagonal.mistake.opposite_sign": "你的答案符号相反：corr2d 不翻转 K"
                                                 "（Y[i, j] = X[i, j] * K[0, 0] + X[i, j + 1] * K[0, 1]）",
})

MESSAGES.update({
    "conv_layer.output_shape.reason.stride": "步幅至少为 1",
    "conv_layer.output_shape.reason.stride_each": "每个维度上的步幅都至少为 1",
    "conv_layer.output_shape.reason.padding": "填充不能为负",
    "conv_layer.output_shape.reason.dilation": "膨胀至少为 1",
    "conv_layer.output_shape.reason.kernel": "卷积核至少为 1×1",
    "conv_layer.output_shape.reason.empty": "输出会是空的：去掉的填充比这一层产生的还多",
    "conv_layer.output_shape.reason.output_padding": "output_padding 在每个维度上都必须小于步幅（或膨胀）",
    "conv_layer.output_shape.reason.output_padding_negative": "output_padding 不能为负",
    "conv_layer.output_shape.got.tensor": "形状为 {shape} 的张量",
    "conv_layer.output_shape.expected.as_layer": "{layer} 计算出的 (h_out, w_out)",
    "conv_layer.output_shape.hint.formulas": "{formulas}",
    "conv_layer.output_shape.expected.int_pair": "由两个 int 组成的 (h_out, w_out)",
    "conv_layer.output_shape.hint.int_pair": "返回由两个 Python int 组成的元组",
    "conv_layer.output_shape.mistake.true_division": "你的大小是浮点数：/ 是真除法；请用整除 //，这样大小保持为 int"
                                                     "（并且向下取整）",
    "conv_layer.output_shape.got.wrong": "{values}（{which} 不对）",
    "conv_layer.output_shape.mistake.dilation_ignored": "你的大小是不考虑膨胀时公式给出的值：膨胀后的卷积核跨越 "
                                                        "d*(k-1) + 1 个输入像素，所以在写 (k-1) 的地方要用 d*(k-1)",
    "conv_layer.output_shape.mistake.padding_once": "你的大小只算了一次填充：填充加在“两侧”，n + 2*p",
    "conv_layer.output_shape.mistake.ceil": "你的大小在除法时向上取整了：会伸出填充后输入之外的窗口不计算，"
                                            "所以要向下取整（floor，//）",
    "conv_layer.output_shape.mistake.stride_ignored": "你的大小是步幅为 1 时的大小：步幅为 s 时窗口每次移动 s 个像素，"
                                                      "所以要除以 s（向下取整）再加 1",
    "conv_layer.output_shape.mistake.stride_dilation_swapped": "你的大小把步幅和膨胀弄反了：膨胀把卷积核撑开，"
                                                               "d*(k-1)；步幅用来除，floor(... / s)",
    "conv_layer.output_shape.mistake.pair_first_component": "你的大小在两个维度上都用了参数对的第一个分量："
                                                            "参数对 (h, w) 分别设定高和宽",
    "conv_layer.output_shape.mistake.transpose_n_times_stride": "你的转置卷积大小从 n*s 开始算：相邻输入相隔 s，"
                                                                "n 个输入跨越的是 (n - 1)*s",
    "conv_layer.output_shape.mistake.transpose_stride_dilation_swapped": "你的转置卷积大小把步幅和膨胀弄反了："
                                                                         "(n - 1)*s 是输入之间的间隔，d*(k - 1) "
                                                                         "是卷积核撑开的范围",
    "conv_layer.output_shape.mistake.transpose_padding_added": "你的转置卷积大小加上了填充：转置卷积会去掉填充，- 2*p",
    "conv_layer.output_shape.mistake.crashed_on_form": "你的函数在这种参数写法下出错：每个参数都可以是一个 int"
                                                       "（两个维度相同）或一对数 (h, w)",
    "conv_layer.output_shape.mistake.output_padding_stride_only": "你拒绝了 output_padding >= stride 的情况，但 "
                                                                  "output_padding 只需在每个维度上小于步幅“或者”膨胀",
    "conv_layer.output_shape.mistake.refused_accepted": "{layer} 接受这组配置（它给出非空的输出）：只在 PyTorch "
                                                        "报错的地方抛出异常",
    "conv_layer.output_shape.hint.empty_output": "膨胀后的卷积核比填充后的输入还大（{sizes}）：输出会是空的，所以 "
                                                 "nn.Conv2d 拒绝这组参数；请抛出 ValueError",
    "conv_layer.output_shape.mistake.int_truncation": "你的大小来自 int(x / s)，它向零取整，而 floor 是向下取整："
                                                      "分子在 -s 和 0 之间时会得到 1 而不是 0；请用 //（或 math.floor），"
                                                      "并在输出为空时抛出 ValueError",
    "conv_layer.output_shape.mistake.no_empty_check": "你的函数在这里返回了一个大小：请检查输出是否为空"
                                                      "（大小小于 1），为空时抛出 ValueError",
    "conv_layer.output_shape.hint.invalid": "nn.Conv2d 拒绝这组参数（{reason}）；请在使用公式之前检查参数，"
                                            "并抛出 ValueError",
    "conv_layer.output_shape.mistake.no_argument_check": "对于 nn.Conv2d 拒绝的参数，你的函数也返回了大小："
                                                         "请先逐个检查参数（步幅和膨胀 >= 1，填充 >= 0，卷积核 >= 1）",
    "conv_layer.output_shape.expected.same": "一个填充值，使 nn.Conv2d(1, 1, {kernel}, padding=...) 保持 {h}×{w} "
                                             "输入的大小不变",
    "conv_layer.output_shape.hint.same": "步幅为 1 时，n_out = n + 2*p - k + 1，而 p 加在每一侧，所以每侧 "
                                         "p = (k - 1) / 2（一个 int；卷积核为一对数时是 (p_h, p_w)）",
    "conv_layer.output_shape.mistake.float_padding": "你的填充不是 int：请用整除 //（nn.Conv2d 不接受浮点数填充）",
    "conv_layer.output_shape.got.padding_gives": "{padding}，得到的大小是 {size}",
    "conv_layer.output_shape.mistake.same_total": "你的填充是 k - 1，即“总”填充：nn.Conv2d 把它加在两侧，"
                                                  "所以每侧是 (k - 1) // 2",
    "conv_layer.output_shape.hint.even_kernel": "偶数大小的卷积核需要两侧填充不同（k - 1 是奇数），一个每侧相同的数做不到："
                                                "请抛出 ValueError",
    "conv_layer.output_shape.hint.transpose_refused": "nn.ConvTranspose2d 拒绝这组参数（{reason}）：请抛出 "
                                                      "ValueError{formulas}",
})

MESSAGES.update({
    "conv_layer.receptive_field.expected.stride_one": "一叠步幅为 1 的卷积层的感受野",
    "conv_layer.receptive_field.mistake.strides_none": "你的函数在默认的 strides=None 上出错：它表示每一层的步幅都是 1；"
                                                       "请在使用 strides 之前先处理这种情况",
    "conv_layer.receptive_field.expected.int": "一个 int（输入中一块正方形区域的边长）",
    "conv_layer.receptive_field.hint.int": "返回 Python int；只对 int 做乘法和加法（不要用 / 除法）",
    "conv_layer.receptive_field.expected.measured": "对一个输出元素做反向传播测得的边长",
    "conv_layer.receptive_field.rule": "每一层把感受野扩大 (k - 1) 个“该层输入”的像素，而这些像素之间的距离是它“之前”"
                                       "各层步幅的乘积：{formula}",
    "conv_layer.receptive_field.mistake.sum_of_kernels": "你的结果等于各卷积核大小之和，但相邻的窗口是重叠的（两层 3×3 "
                                                         "看到的是 5 个像素，不是 6 个）：每一层增加 k - 1",
    "conv_layer.receptive_field.mistake.ignores_strides": "你的结果是步幅为 1 时的答案 1 + sum(k - 1)：前面某一层的步幅 "
                                                          "s 会使下一层卷积核的相邻元素在输入上相隔 s 个像素",
    "conv_layer.receptive_field.mistake.off_by_one": "你的结果少了 1：感受野从 1 个像素开始（1×1 的层看到 1 个像素），"
                                                     "r = 1 + sum((k - 1) * jump)",
    "conv_layer.receptive_field.mistake.own_stride": "你的结果把每一层的 (k - 1) 也乘上了该层自己的步幅：一层的卷积核"
                                                     "元素之间的间隔只由它“之前”各层的步幅决定",
    "conv_layer.receptive_field.mistake.all_strides": "你的结果把步幅为 1 时的感受野乘以了所有步幅的乘积：每一层只被它"
                                                      "下面各层的步幅撑开",
    "conv_layer.receptive_field.mistake.wrong_direction": "你的结果从第一层到最后一层计算 r = (r - 1) * s + k："
                                                          "这个递推是从输出往下走的，所以必须从最后一层到第一层依次计算",
})
