"""简体中文：channels 各题评分器的提示和已知错误（键 ``channels.*``），与 ``en.py`` 一一对应。

键、占位符与英文版相同；张量描述、数字和代码原样保留。
"""

MESSAGES = {
    "channels.hint.integers_and": "整数输入必须得到精确的值（结果的 dtype 不限）；{rule}",
    "channels.hint.output_shape": "输出的高应为 {height}，宽应为 {width}",

    # ------------------------------------------------------------------ pad2d
    "channels.pad2d.mode.zeros": "zeros 在图像四周填充一圈 0：[1, 2, 3] 两侧各填充 2 得到 [0, 0, 1, 2, 3, 0, 0]",
    "channels.pad2d.mode.reflect": "reflect 以边缘像素为轴镜像，边缘像素本身不重复：[1, 2, 3] 两侧各填充 2 得到 "
                                   "[3, 2, 1, 2, 3, 2, 1]",
    "channels.pad2d.mode.replicate": "replicate 重复边缘像素：[1, 2, 3] 两侧各填充 2 得到 [1, 1, 1, 2, 3, 3, 3]",
    "channels.pad2d.mode.circular": "circular 首尾循环（左边的填充取自右端）：[1, 2, 3] 两侧各填充 2 得到 "
                                    "[2, 3, 1, 2, 3, 1, 2]",
    "channels.pad2d.hint.shape": "padding={padding} 在上下各填充 {ph} 行、左右各填充 {pw} 列：结果的形状应为 "
                                 "({h} + 2*{ph}, {w} + 2*{pw}) = ({oh}, {ow})",
    "channels.pad2d.hint.default_mode": "默认模式是 'zeros'",
    "channels.pad2d.mistake.one_side": "你的结果只在上边和左边做了填充：填充 p 在每个轴的两侧各加 p（结果增大 2p）",
    "channels.pad2d.mistake.swapped_axes": "你的结果在高上填充了 pw、在宽上填充了 ph：padding 是 (ph, pw)；"
                                           "F.pad 的列表从最后一个维度开始写，即 (pw, pw, ph, ph)",
    "channels.pad2d.mistake.symmetric_not_reflect": "你的 reflect 重复了边缘像素（这是 numpy 的 'symmetric'）："
                                                    "reflect 以边缘为轴镜像而不重复它，"
                                                    "[1, 2, 3] -> [3, 2, 1, 2, 3, 2, 1]",
    "channels.pad2d.mistake.circular_wrong_way": "你的 circular 填充方向反了：左边的填充取自图像的右端（最后几列），"
                                                 "右边的填充取自最前面几列",
    "channels.pad2d.mistake.negative_zero_slice": "填充为 0 时，你的代码多加了一整份图像：X[:, -0:] 就是 X[:, 0:]，"
                                                  "即整个 X；请单独处理 p == 0（或者用 X.shape[1] - p 来切片）",
}

MESSAGES.update({
    "channels.corr2d_strided.rule": "先用 0 填充 X，再计算 Y[i, j] = (Xp[i*sh:i*sh+kh, j*sw:j*sw+kw] * K).sum()："
                                    "步幅移动的是窗口，而不是把输入抽稀",
    "channels.corr2d_strided.mistake.swapped_stride": "你的结果把步幅的两个分量用反了（沿行向下用了宽的步幅）："
                                                      "stride 是 (sh, sw)，高在前",
    "channels.corr2d_strided.mistake.padding_as_total": "你的结果在每一侧只填充了 p // 2：padding 与 nn.Conv2d "
                                                        "一样是每一侧的数量，即上面 p 行、下面也是 p 行",
    "channels.corr2d_strided.mistake.padding_one_side": "你的结果只在上边和左边做了填充：填充在两侧各加 p，"
                                                        "所以填充后的输入长 n + 2p",
    "channels.corr2d_strided.mistake.stride_on_input": "你的结果先从填充后的输入中每隔 s 行、s 列取一行一列，"
                                                       "再以 1 为步幅滑动窗口：步幅应当是让窗口在整个填充后的输入上"
                                                       "每次移动 s",
    "channels.corr2d_strided.mistake.ceil": "你的输出大小向上取整了：会伸出填充后输入之外的窗口不计算，"
                                            "所以是 floor((n + 2p - k) / s) + 1",
    "channels.corr2d_strided.mistake.no_plus_one": "你的输出在每个维度上都少了一个：位置 0 的窗口也要算上，"
                                                   "floor((n + 2p - k) / s) + 1",
})

MESSAGES.update({
    "channels.corr2d_multi_in.rule": "把 X 的每个通道与 K 的对应通道做互相关运算，再把这 c 个结果相加："
                                     "Y = 对 i 求和 corr2d(X[i], K[i])，得到一张 (h-kh+1, w-kw+1) 的图",
    "channels.corr2d_multi_in.hint.shape": "结果没有通道维：{shape}",
    "channels.corr2d_multi_in.mistake.first_channel_only": "你的结果只是第一个通道的互相关：要把全部 c 个通道的"
                                                           "互相关结果加起来",
    "channels.corr2d_multi_in.mistake.mean": "你的结果是各通道的平均值：多输入通道的互相关是它们的和（是平均值的 c 倍）",
    "channels.corr2d_multi_in.mistake.stacked": "你的结果把各通道的互相关堆叠成了 (c, oh, ow)：应当把它们相加，"
                                                "只得到一个输出通道",
    "channels.corr2d_multi_in.mistake.channels_as_height": "你的结果的高取自通道数 X.shape[0]：X 的形状是 "
                                                           "(c, h, w)，所以高是 X.shape[1]",
    "channels.corr2d_multi_in_out.rule": "输出通道 o 就是 corr2d_multi_in(X, K[o])（对 c 个输入通道求和）；"
                                         "再把这 co 个结果沿新的第一个维度堆叠起来",
    "channels.corr2d_multi_in_out.hint.shape": "结果的形状是 (co, oh, ow)，其中 co = K.shape[0] = {co}；{shape}",
    "channels.corr2d_multi_in_out.mistake.stacked_dim1": "你的输出通道沿第 1 维堆叠，得到 (oh, co, ow)："
                                                         "应沿新的第一个维度堆叠，torch.stack(..., 0)",
    "channels.corr2d_multi_in_out.mistake.stacked_last": "你的输出通道在最后一个维度上，得到 (oh, ow, co)："
                                                         "PyTorch 中通道在前，应为 (co, oh, ow)",
    "channels.corr2d_multi_in_out.mistake.summed_outputs": "你的结果把各输出通道加在了一起：co 个卷积核各自给出"
                                                           "一个通道，应当把它们堆叠起来",
    "channels.corr2d_multi_in_out.mistake.kernel_axes_swapped": "你的结果把 K 当成了 (c, co, kh, kw)：K 的形状是 "
                                                                "(co, c, kh, kw)，所以 K[o] 是输出通道 o 的 "
                                                                "(c, kh, kw) 卷积核",
    "channels.corr2d_multi_in_out_1x1.rule": "1×1 卷积核对每个像素分别混合各通道：把 X 看成 (c, h*w) 的矩阵"
                                             "（每个像素一列），把 K 看成 (co, c) 的矩阵，Y = K @ X 的形状是 "
                                             "(co, h*w)；再把它变形为 (co, h, w)",
    "channels.corr2d_multi_in_out_1x1.hint.shape": "1×1 卷积核不改变图像大小：结果是 (co, h, w) = ({co}, {h}, {w})",
    "channels.corr2d_multi_in_out_1x1.mistake.reshape_w_h": "你的结果是 (co, w, h)：应把乘积变形为 (co, h, w)，"
                                                            "高在前",
    "channels.corr2d_multi_in_out_1x1.mistake.columns_flattened": "你的结果按列展平像素（X.transpose(1, 2)），"
                                                                  "却又按行变形回去：请用 X.reshape(c, h * w) 展平",
    "channels.corr2d_multi_in_out_1x1.mistake.not_transposed": "你的结果把 (h*w, co) 的乘积直接变形为 (co, h, w)，"
                                                               "没有先转置：应计算 K @ X，即 (co, c) @ (c, h*w)",
    "channels.corr2d_multi_in_out_1x1.call_code": "corr2d_multi_in_out_1x1 的代码",
    "channels.corr2d_multi_in_out_1x1.expected.no_convolution": "不调用卷积函数：这道题的要点是把 1×1 卷积写成"
                                                                "矩阵乘法",
    "channels.corr2d_multi_in_out_1x1.got.calls": "它调用了 {names}",
    "channels.corr2d_multi_in_out_1x1.expected.a_matmul": "一次矩阵乘法（torch.matmul、@、torch.mm 或 einsum）",
    "channels.corr2d_multi_in_out_1x1.got.no_matmul": "它以及它调用的函数中都没有矩阵乘法",
    "channels.corr2d_multi_in_out_1x1.mistake.library_convolution": "你的代码调用了 {names}：结果是由库里的卷积"
                                                                    "算出来的，而不是矩阵乘法",
    "channels.corr2d_multi_in_out_1x1.mistake.no_matmul": "你的代码没有用矩阵乘法就得到了结果（它以及它调用的函数中"
                                                          "都没有 @、mm、matmul 或 einsum）",
    "channels.conv_weight_shape.rule": "nn.Conv2d 的 weight 形状是 (out_channels, in_channels // groups, kh, kw)："
                                       "每个输出通道一个卷积核，每个卷积核看到 in_channels // groups 个输入通道；"
                                       "kernel_size 可以是一个整数（正方形卷积核）或一对数；"
                                       "可以自己试试 nn.Conv2d(...).weight.shape",
    "channels.conv_weight_shape.expected": "用这些参数构造的 nn.Conv2d(...).weight 的形状",
    "channels.conv_weight_shape.mistake.in_out_swapped": "输入和输出通道数写反了：输出通道在前，"
                                                         "(out_channels, in_channels // groups, kh, kw)",
    "channels.conv_weight_shape.mistake.groups_ignored": "你的形状忽略了 groups：每个卷积核只看到 "
                                                         "in_channels // groups 个输入通道",
    "channels.conv_weight_shape.mistake.kernel_swapped": "你的形状把 kh 和 kw 写反了：kernel_size 是 (kh, kw)，"
                                                         "先高后宽",
    "channels.conv_weight_shape.mistake.int_kernel_not_expanded": "你的形状把整数 kernel_size 当作一个数保留了："
                                                                  "整数 k 表示 k × k 的卷积核，即 (.., k, k)",
    "channels.conv_weight_shape.hint.divisible": "{which} 必须能被 groups={groups} 整除（这时 nn.Conv2d 同样会抛出 "
                                                 "ValueError）",
    "channels.conv_weight_shape.mistake.in_only": "你的函数只检查了 in_channels：out_channels 也必须能被 groups 整除",
    "channels.conv2d_cost.rule": "乘加次数 = c_out × oh × ow × (c_in × kh × kw)：每个输出通道的每个输出元素，"
                                 "都是一个 c_in × kh × kw 的窗口与卷积核的一次点积；"
                                 "oh = floor((h + 2*ph - kh) / sh) + 1，ow 同理",
    "channels.conv2d_cost.expected": "乘加次数（这个用例的值不公开）",
    "channels.conv2d_cost.mistake.flops": "你的计数是乘加次数的两倍：一次乘加（一个乘积加到和上）只算一次；"
                                          "把乘法和加法分开计数得到的是 FLOP 数",
    "channels.conv2d_cost.mistake.mults_plus_adds": "你的计数把乘法和加法加在了一起（每个输出 2 × 窗口大小 - 1）："
                                                    "一次乘加只算一次",
    "channels.conv2d_cost.mistake.forgets_c_in": "你的计数漏掉了 c_in：每个输出元素要对全部 c_in 个输入通道求和，"
                                                 "窗口是 c_in × kh × kw",
    "channels.conv2d_cost.mistake.forgets_c_out": "你的计数漏掉了 c_out：c_out 个输出通道各有自己的卷积核",
    "channels.conv2d_cost.mistake.input_size": "你的计数用了输入大小 h × w：卷积核在每个“输出”位置上作用一次，"
                                               "即 oh × ow",
    "channels.conv2d_cost.mistake.padded_input_size": "你的计数用了填充后的输入大小：卷积核在每个“输出”位置上"
                                                      "作用一次，即 oh × ow",
    "channels.conv2d_cost.mistake.ignores_stride": "你的计数忽略了步幅：步幅为 s 时窗口每次移动 s 个像素，"
                                                   "oh = floor((h + 2*ph - kh) / sh) + 1",
    "channels.conv2d_cost.mistake.ignores_padding": "你的计数忽略了填充：上面加 ph 行、下面也加 ph 行，"
                                                    "oh = floor((h + 2*ph - kh) / sh) + 1",
    "channels.conv2d_cost.mistake.padding_once": "你的计数只加了一次填充：填充是每一侧的数量，填充后的高是 h + 2*ph",
    "channels.conv2d_cost.mistake.ceil": "你的计数把输出大小向上取整了：会伸出填充后输入之外的窗口不计算（向下取整）",
    "channels.conv2d_cost.mistake.no_plus_one": "你的输出大小漏了 + 1：第一个窗口也要算上，"
                                                "floor((n + 2p - k) / s) + 1",
    "channels.conv2d_cost.mistake.axes_swapped": "你的计数在某处把高和宽弄反了：大小都是 (高, 宽) 的顺序",
    "channels.conv2d_cost.mistake.true_division": "你的计数用 / 做了真除法：窗口的个数是整数，"
                                                  "oh = (h + 2*ph - kh) // sh + 1",
})
